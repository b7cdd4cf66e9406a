/** `npm run restore -- FILE [--force]`: see backup-commands.ts and docs/OPERATIONS.md §2. */
import { restoreMain } from './backup-commands.js';

restoreMain(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
