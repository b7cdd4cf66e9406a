import { enA11y } from './field/en-a11y';
import { enCatalogue } from './field/en-catalogue';
import { enClasses } from './field/en-classes';
import { enDashboard } from './field/en-dashboard';
import { enDevices } from './field/en-devices';
import { enErasure } from './field/en-erasure';
import { enFill } from './field/en-fill';
import { enForbidden } from './field/en-forbidden';
import { enImport } from './field/en-import';
import { enIntegrity } from './field/en-integrity';
import { enLessonUse } from './field/en-lesson-use';
import { enLessons } from './field/en-lessons';
import { enLock } from './field/en-lock';
import { enLost } from './field/en-lost';
import { enRecords } from './field/en-records';
import { enRegisterIo } from './field/en-register-io';
import { enRegisterStatus } from './field/en-register-status';
import { enReport } from './field/en-report';
import { enRound } from './field/en-round';
import { enShell } from './field/en-shell';
import { enSkills } from './field/en-skills';
import { enTargets } from './field/en-targets';
import { enUnits } from './field/en-units';
import { enVisitSteps } from './field/en-visit-steps';
import { enVisits } from './field/en-visits';
import type { MessageKey } from './vi';

export const en: Record<MessageKey, string> = {
  'app.name': 'Ngõ Số',
  'app.tagline': 'Every lane, every door, every person',
  'app.demoBadge': 'DEMO DATA',
  'app.loading': 'Loading…',
  'app.back': 'Back',
  'app.cancel': 'Cancel',
  'app.save': 'Save',
  'app.saving': 'Saving…',
  'app.delete': 'Delete',
  'app.edit': 'Edit',
  'app.undo': 'Undo',
  'app.close': 'Close',
  'app.yes': 'Yes',
  'app.no': 'No',
  'app.notFound': 'This page does not exist.',
  'app.goHome': 'Go to the start page',
  'app.saveFailed': 'Not saved. Please try again. ({detail})',

  'nav.villages': 'Villages',
  'nav.unit': 'My unit',
  'nav.settings': 'Settings',
  'lessons.title': 'Guide cards',

  'update.available': 'A new version is available',
  'update.reload': 'Reload',
  'update.later': 'Later',
  'update.offlineReady': 'The app is ready to work offline.',

  'sync.online': 'Online',
  'sync.offline': 'Offline',
  'sync.pending': '{count} changes waiting to sync',
  'sync.nothingPending': 'No changes waiting',
  'sync.savedOnPhone': 'Saved on this phone',

  'villages.title': 'Choose a village',
  'villages.households': '{count} households',
  'villages.empty': 'This phone has no village data yet.',
  'villages.emptyHint':
    'After you log in, your village data will download. To try the app, create demo data.',
  'villages.emptyCommune':
    'The commune has no village yet. Open Admin → Villages → Add village to add the first one.',
  'villages.emptyMember':
    'No village is given to your account yet. Ask the commune officer or your team lead.',
  'villages.createDemo': 'Create demo data',

  'households.title': 'Households',
  'households.search': 'Find a household or person',
  'households.searchHint': 'Typing without accents works, e.g. "nguyen van"',
  'households.count': '{shown} / {total} households',
  'households.noResults': 'No household matches "{query}".',
  'households.empty': 'No households in this village yet. Tap "Add household" to start.',
  'households.add': 'Add household',
  'households.importExport': 'Import / export the Excel list',
  'households.dashboardLink': 'Figures / Targets',
  'villages.communeDashboard': 'Commune figures / Targets',
  'households.showMore': 'Show more ({count} more)',
  'households.members': '{count} people',
  'households.noLane': 'No lane recorded',
  'households.poor': 'Poor household',
  'households.ethnic': 'Ethnic minority',
  'households.status.moved_out': 'Moved out',
  'households.status.merged': 'Merged',
  'households.gone': 'Moved out or merged into another household',
  'households.newTitle': 'New household',
  'households.editTitle': 'Edit household',
  'households.deleteTitle': 'Delete household "{label}"?',
  'households.deleteBody':
    'The household and its people will be hidden on this phone and on others after sync. You can undo right after deleting.',
  'households.deleted': 'Household "{label}" deleted',
  'households.restored': 'Household "{label}" restored',
  'households.saved': 'Household "{label}" saved',
  'households.residents': 'People in the household',
  'households.noResidents': 'No people recorded yet.',
  'households.addResident': 'Add person',
  'households.phone': 'Phone: {phone}',

  'settings.title': 'Settings',
  'settings.language': 'Language',
  'settings.yourName': 'Your name (team member)',
  'settings.yourNameHint': 'Used as "consent recorded by".',
  'settings.storage': 'Storage on this phone',
  'settings.storageUsed': '{used} used of {quota}',
  'settings.storageUnknown': 'The browser does not report storage use.',
  'settings.persisted': 'Persistent storage: on — the browser will not clear this data by itself.',
  'settings.notPersisted':
    'Persistent storage: off — when the phone runs out of space the browser may clear unsynced data.',
  'settings.requestPersist': 'Ask for persistent storage',
  'settings.demoTitle': 'Demo data',
  'settings.demoHint':
    'Creates 13 demo villages (about 1,950 households) to practise with. Demo data is clearly marked.',
  'settings.demoCreate': 'Create demo data',
  'settings.demoConfirmTitle': 'Create demo data?',
  'settings.demoConfirmBody':
    'Adds 13 demo villages with about 1,950 households and 7,800 people to this phone.',
  'settings.demoProgress': 'Creating village {done}/{total}…',
  'settings.demoDone': 'Created {count} demo villages.',
  'settings.version': 'Version {version}',

  'nav.login': 'Log in',
  'nav.admin': 'Admin',
  'nav.conflicts': 'Conflicts',
  'sync.now': 'Sync now',
  'sync.syncing': 'Syncing…',
  'sync.pushing': 'Sending changes…',
  'sync.pulling': 'Downloading: {received} / {total}',
  'sync.lastSuccess': 'Last synced: {time}',
  'sync.never': 'Never synced',
  'sync.signedOut': 'Not logged in: data stays on this phone only.',
  'sync.loginToSync': 'Log in to sync',
  'sync.sessionExpired': 'Your session has expired. Data on this phone is safe — log in again to sync.',
  'sync.demoNotSynced': 'Demo data is never synced.',
  'sync.lostEdits': '{count} of your edits were changed later by someone else — see',
  'sync.rejected': '{count} changes refused by the server',
  'sync.restored':
    'The server was just restored from a backup. This phone downloaded the data again and re-sent {count} changes the server had lost.',
  'sync.restoredOk': 'OK',
  'sync.error.data_restored':
    'The server was just restored from a backup: downloading the data again. Changes on this phone are kept.',
  'sync.unsynced': 'Not synced',
  'sync.error.auth_required': 'Log in to sync.',
  'sync.error.token_invalid': 'Your session is no longer valid. Please log in again.',
  'sync.error.token_expired': 'Your session has expired. Please log in again.',
  'sync.error.account_disabled': 'This account is disabled. Contact the commune office.',
  'sync.error.village_forbidden': 'Some changes belong to a village you are not assigned to.',
  'sync.error.invalid_changes': 'Some changes were invalid and were set aside for review.',
  'sync.error.clock_ahead': "The phone's clock is wrong. It was corrected; retrying.",
  'sync.error.client_too_old': 'This app version is too old. Reload to update.',
  'sync.error.payload_too_large': 'Too much data at once; sending in smaller parts.',
  'sync.error.too_many_requests': 'The server is busy; retrying later.',
  'sync.error.server_error': 'The server had a problem; retrying later.',
  'sync.error.network': 'Cannot reach the server. Will retry when online.',
  'sync.error.unknown': 'Sync did not succeed ({code}). Retrying.',
  'login.title': 'Log in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.working': 'Logging in…',
  'login.hint': 'Data already entered on this phone is kept when you log in.',
  'login.loggedInAs': 'Logged in: {name} ({role})',
  'login.logout': 'Log out',
  'login.logoutConfirmTitle': 'Log out of this phone?',
  'login.logoutConfirmBody':
    'Data on this phone is kept but hidden until you log in again. Unsynced changes are sent only when you log in again.',
  'login.needsNetwork': 'Logging in needs a connection.',
  'login.error.bad_credentials': 'Wrong username or password.',
  'login.error.too_many_attempts': 'Too many wrong attempts. Try again in {seconds} seconds.',
  'login.error.account_disabled': 'This account is disabled. Contact the commune office.',
  'login.error.other': 'Could not log in ({code}).',
  'err.required': 'Please fill this in.',
  'err.tooLong': 'Too long.',
  'err.wholeNumber': 'Please enter a whole number.',
  'err.membersRange': 'Between 1 and 999 members.',
  'err.birthYear': 'Not a valid birth year (e.g. 1958).',
  'err.phone': 'A phone number has 10–11 digits and starts with 0.',
  'err.idNumberInText':
    'Never write an ID card number (9 or 12 digits, together or spaced). Ticking "Has a chip ID card" is enough.',
  'err.needsConsent': "Only with the resident's consent.",
  'err.consentPurpose': 'Choose at least one purpose.',
  'err.consentCollector': 'Write who asked for consent.',
  'err.phoneNeedsPurpose': 'A phone number needs consent to "Contact by phone".',
  'err.ethnicNeedsConsent': 'Only when the household agrees to record ethnicity.',
  'err.invalid': 'Not a valid value.',
  'err.statusDayNeeded': 'Enter the day this was learned (moved out, away, deceased…).',
  'err.percent': 'Enter a percentage from 0 to 100.',
  'err.formHasErrors': 'Not saved: please fix these fields.',
  'villageTabs.label': 'Village work',
  'villageTabs.households': 'Households',
  'villageTabs.round': 'Door to door',
  'villageTabs.classes': 'Classes',
  'err.tooMany': 'Too many items.',
  'err.followUpNeeded': 'Choose the day to come back.',
  'err.failReasonNeeded': 'Say why it did not work.',
  ...enCatalogue,
  ...enVisits,
  ...enRound,
  ...enLost,
  ...enDevices,
  ...enImport,
  ...enSkills,
  ...enVisitSteps,
  ...enClasses,
  ...enA11y,
  ...enIntegrity,
  ...enLock,
  ...enErasure,
  ...enForbidden,
  ...enRecords,
  ...enFill,
  ...enShell,
  ...enRegisterIo,
  ...enRegisterStatus,
  ...enTargets,
  ...enReport,
  ...enDashboard,
  ...enUnits,
  ...enLessonUse,
  ...enLessons,
};
