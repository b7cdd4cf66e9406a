/** `npm run backup [-- --out DIR]`: see backup-commands.ts and docs/OPERATIONS.md §2. */
import { backupMain } from './backup-commands.js';

backupMain(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
