/** Which kit folder a build reads: `REFERRAL_KIT_CONTENT`, set by `referral-kit build --content`, or ./content. */
import { resolve } from 'node:path';

export const contentDirVariable = 'REFERRAL_KIT_CONTENT';

export function contentDir(root: string = process.cwd()): string {
  return resolve(root, process.env[contentDirVariable] || 'content');
}
