import { Button, type ButtonProps } from 'antd';
import type { MouseEvent } from 'react';
import { useHref, useLinkClickHandler } from 'react-router';

type Props = Omit<ButtonProps, 'href' | 'onClick'> & { to: string };

/** A link that looks like a button: a real <a href> (keyboard, new tab) with in-app navigation. */
export function ButtonLink({ to, ...rest }: Props) {
  const href = useHref(to);
  const handleClick = useLinkClickHandler(to);
  return (
    <Button
      {...rest}
      href={href}
      onClick={(event: MouseEvent<HTMLElement>) =>
        handleClick(event as MouseEvent<HTMLAnchorElement>)
      }
    />
  );
}
