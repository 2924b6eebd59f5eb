// The Node entry point by name: TypeScript's bundler resolution does not pick the `node` condition.
import { toBuffer } from 'bwip-js/node';

/**
 * The registration number (网报号) as a Code 128 barcode, a PNG of black bars on white without
 * human-readable text (the form prints the number itself, in the PDF font). Three pixels per
 * module: drawn about 0.75 pt per module, that is 300 dpi or better at print size.
 */
export function code128Png(text: string): Promise<Buffer> {
  return toBuffer({
    bcid: 'code128',
    text,
    scale: 3,
    height: 9,
    includetext: false,
    paddingwidth: 0,
    paddingheight: 0,
    backgroundcolor: 'FFFFFF',
  });
}
