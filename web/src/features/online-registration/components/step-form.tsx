import { CheckCircleFilled, DownloadOutlined } from '@ant-design/icons';
import type { RegistrationView } from '@hqe/core';
import { Alert, Button } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { formatInstant } from '../../../lib/format';
import { registrationKeys } from '../api/registrations';
import { onlineRegistrationMessages as m } from '../messages';

/** 下载申报表: download, print, sign and stamp, then upload in 上传材料. */
export function FormStep({ view }: { view: RegistrationView }) {
  const queryClient = useQueryClient();
  // The server records the download; read the registration again a moment after it starts.
  const refresh = () =>
    window.setTimeout(
      () =>
        void queryClient.invalidateQueries({ queryKey: registrationKeys.lookup(view.cycle.id) }),
      1500,
    );
  const reprint =
    view.applicationForm.downloadedAt === null && view.applicationForm.outdatedFileIds.length > 0;
  return (
    <div>
      {reprint && <Alert className="form-alert" type="warning" showIcon title={m.formReprint} />}
      <ol className="or-form-steps">
        {m.formIntro.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ol>
      <Button
        type="primary"
        icon={<DownloadOutlined aria-hidden />}
        href={view.applicationForm.url}
        download
        onClick={refresh}
      >
        {m.downloadForm}
      </Button>
      <p className={view.applicationForm.downloadedAt ? 'or-ok' : 'or-muted'}>
        {view.applicationForm.downloadedAt ? (
          <>
            <CheckCircleFilled aria-hidden />{' '}
            {m.formDownloadedAt(formatInstant(view.applicationForm.downloadedAt))}
          </>
        ) : (
          m.formNotDownloaded
        )}
      </p>
    </div>
  );
}
