import type { viRegisterIo } from './vi-register-io';

/** English for vi-register-io.ts. */
export const enRegisterIo: Record<keyof typeof viRegisterIo, string> = {
  'registerIo.export.title': 'Download the register',
  'registerIo.export.villageScope':
    'Register of {village}: one row per person, households in door-to-door order.',
  'registerIo.export.communeScope':
    'Register of the whole commune ({count} villages): the Excel file has a sheet per village, the CSV file a "Thôn" (village) column first.',
  'registerIo.export.contents':
    'In the file: household number, head of household, lane, address, members, poor household, each person’s name and birth year, notes.',
  'registerIo.export.notIncluded': 'No phone numbers, sex, ethnicity, groups or consent details.',
  'registerIo.export.audited':
    'Every download of the whole commune’s register is written to the server’s audit log, so it needs a connection.',
  'registerIo.export.xlsx': 'Download Excel (.xlsx)',
  'registerIo.export.csv': 'Download CSV',
  'registerIo.export.busy': 'Making the file…',
  'registerIo.export.done': 'File {file} made: {households} households, {residents} people.',
  'registerIo.export.notAllowed': 'Only team leads and commune officers can download the register.',
  'registerIo.export.offline':
    'Not downloaded: the whole commune’s register needs a connection, because every download is written to the server’s audit log. Try again when online.',
  'registerIo.export.needsLogin':
    'Not downloaded: the login on this phone has expired. Log in again, then download the commune’s register.',
  'registerIo.export.forbidden': 'Not downloaded: your account may not download this register.',
  'registerIo.export.notRecorded':
    'Not downloaded: the server could not write this download to its audit log ({code}). Try again in a few minutes.',
  'registerIo.export.noVillage': 'Not downloaded: this phone has no data of the village yet.',
  'registerIo.export.failed': 'The file could not be made ({detail}). Try again.',
};
