import { memberNameSchema } from '../../../core/schemas';
import { fieldErrors, type ValidationMessage } from '../../../core/validation';
import { LANGUAGES, useLanguage, useT } from '../../i18n/i18n';
import { useSettings } from '../../state/settings-store';
import { RadioGroup, TextField } from '../../ui/fields';
import { AccountSection } from '../account/AccountSection';
import { LostEdits } from '../sync-status/LostEdits';
import { RejectedChanges } from '../sync-status/RejectedChanges';
import { DemoDataButton, DemoStatus } from './DemoDataButton';
import { TextSizeSetting } from './TextSizeSetting';
import { formatBytes, useStorageStatus } from './use-storage-status';

/** The name goes into every visit and step: a name they would refuse is said here, where it is typed. */
function memberNameError(name: string): ValidationMessage | undefined {
  if (name.trim() === '') return undefined;
  const parsed = memberNameSchema.safeParse(name);
  return parsed.success ? undefined : (fieldErrors(parsed.error)._ ?? 'err.invalid');
}

export default function SettingsPage() {
  const t = useT();
  const { language, setLanguage } = useLanguage();
  const { memberName, setMemberName } = useSettings();
  const { status, requestPersist } = useStorageStatus();
  const locale = language === 'vi' ? 'vi-VN' : 'en-GB';

  return (
    <section>
      <h1>{t('settings.title')}</h1>

      <TextSizeSetting />
      <RadioGroup
        legend={t('settings.language')}
        name="language"
        options={LANGUAGES.map((lang) => ({ value: lang, label: t(`lang.${lang}`), lang }))}
        value={language}
        onChange={setLanguage}
      />

      <h2>{t('nav.login')}</h2>
      <AccountSection />

      <TextField
        name="memberName"
        label={t('settings.yourName')}
        hint={t('settings.yourNameHint')}
        value={memberName}
        onChange={setMemberName}
        error={memberNameError(memberName)}
      />

      <h2>{t('settings.storage')}</h2>
      <div data-testid="storage-status">
        {status && (
          <>
            <p>
              {status.usage !== undefined && status.quota !== undefined
                ? t('settings.storageUsed', {
                    used: formatBytes(status.usage, locale),
                    quota: formatBytes(status.quota, locale),
                  })
                : t('settings.storageUnknown')}
            </p>
            <p>{status.persisted ? t('settings.persisted') : t('settings.notPersisted')}</p>
            {!status.persisted && (
              <button type="button" className="button" onClick={requestPersist}>
                {t('settings.requestPersist')}
              </button>
            )}
          </>
        )}
      </div>

      <LostEdits />
      <RejectedChanges />

      <h2>{t('settings.demoTitle')}</h2>
      <p className="hint">{t('settings.demoHint')}</p>
      <DemoDataButton />
      <DemoStatus />

      <p className="hint version">{t('settings.version', { version: __APP_VERSION__ })}</p>
    </section>
  );
}
