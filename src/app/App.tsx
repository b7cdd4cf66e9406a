import { lazy, Suspense, useEffect } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { AppShell } from './features/app-shell/AppShell';
import { HouseholdList } from './features/households/HouseholdList';
import { VillagePicker } from './features/villages/VillagePicker';
import { useLanguage, useT, withWords } from './i18n/i18n';

// The first screens a member opens load with the app; the rest (forms with their schema validation)
// load on demand, each with the words it shows (withWords). All of it is precached by the service
// worker, so every route works offline.
const SettingsPage = lazy(() => withWords(import('./features/settings/SettingsPage')));
const HouseholdDetail = lazy(() => withWords(import('./features/households/HouseholdDetail')));
const HouseholdNewPage = lazy(() =>
  withWords(import('./features/households/HouseholdFormPage').then((m) => ({ default: m.HouseholdNewPage }))),
);
const HouseholdEditPage = lazy(() =>
  withWords(
    import('./features/households/HouseholdFormPage').then((m) => ({ default: m.HouseholdEditPage })),
  ),
);
const ResidentNewPage = lazy(() =>
  withWords(import('./features/residents/ResidentFormPage').then((m) => ({ default: m.ResidentNewPage }))),
);
const LoginPage = lazy(() =>
  withWords(import('./features/account/LoginPage').then((m) => ({ default: m.LoginPage }))),
);
const SetupPage = lazy(() =>
  withWords(import('./features/account/SetupPage').then((m) => ({ default: m.SetupPage }))),
);
const ConflictsPage = lazy(() => withWords(import('./features/conflicts/ConflictsPage')));
const AdminPage = lazy(() => withWords(import('./features/admin/AdminPage')));
const RoundPlannerPage = lazy(() => withWords(import('./features/visits/RoundPlannerPage')));
const VisitPage = lazy(() => withWords(import('./features/visits/VisitPage')));
const ResidentProfilePage = lazy(() => withWords(import('./features/skills/ResidentProfilePage')));
const ClassListPage = lazy(() => withWords(import('./features/classes/ClassListPage')));
const ClassFormPage = lazy(() => withWords(import('./features/classes/ClassFormPage')));
const AttendancePage = lazy(() => withWords(import('./features/classes/AttendancePage')));
const TargetsPage = lazy(() => withWords(import('./features/dashboard/TargetsPage')));
const ImportPage = lazy(() => withWords(import('./features/register-io/ImportPage')));
// The dashboard (issue 18) in chunks of its own: its worker, charts and words never load before it opens.
const DashboardPage = lazy(() => withWords(import('./features/dashboard/DashboardPage')));
const CommuneDashboardPage = lazy(() => withWords(import('./features/dashboard/CommuneDashboardPage')));
const DrillPage = lazy(() => withWords(import('./features/dashboard/DrillPage')));
// The quarterly report (issue 19): its pages, worker call and words in chunks of their own; the export
// libraries load only when a file is asked for (features/report/export).
const ReportsPage = lazy(() => withWords(import('./features/report/ReportsPage')));
const ReportPage = lazy(() => withWords(import('./features/report/ReportPage')));
const ReportPrintPage = lazy(() => withWords(import('./features/report/ReportPrintPage')));
// Reporting units and the activity log (issue 19), each in a chunk of its own.
const UnitsPage = lazy(() => withWords(import('./features/units/UnitsPage')));
const UnitPage = lazy(() => withWords(import('./features/units/UnitPage')));
const ActivitiesPage = lazy(() => withWords(import('./features/activities/ActivitiesPage')));
// Lesson cards (issue 20): the list, a card read aloud, its handout; cards, words, speech and the QR
// library all load with these chunks.
const LessonsPage = lazy(() => withWords(import('./features/lessons/LessonsPage')));
const LessonCardPage = lazy(() => withWords(import('./features/lessons/LessonCardPage')));
const LessonPrintPage = lazy(() => withWords(import('./features/lessons/LessonPrintPage')));
const LessonEditPage = lazy(() => withWords(import('./features/lessons/LessonEditPage')));
const ResidentEditPage = lazy(() =>
  withWords(import('./features/residents/ResidentFormPage').then((m) => ({ default: m.ResidentEditPage }))),
);

const UUID_IN_PATH = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Record ids are lower-case everywhere (issue 13, kind 1), and IndexedDB keys compare exactly: a link
 * typed or shared with an upper-case id is moved to its lower-case spelling instead of showing
 * "not found" for a household that is on the phone.
 */
function useCanonicalPath(): void {
  const [location, navigate] = useLocation();
  const canonical = location.replace(UUID_IN_PATH, (id) => id.toLowerCase());
  useEffect(() => {
    if (canonical !== location) navigate(canonical, { replace: true });
  }, [canonical, location, navigate]);
}

export function App() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  useCanonicalPath();

  return (
    <AppShell>
      <Suspense fallback={<p>{t('app.loading')}</p>}>
        <Switch>
          <Route path="/" component={VillagePicker} />
          <Route path="/settings" component={SettingsPage} />
          <Route path="/login" component={LoginPage} />
          <Route path="/setup" component={SetupPage} />
          <Route path="/conflicts" component={ConflictsPage} />
          <Route path="/admin" component={AdminPage} />
          <Route path="/dashboard/targets" component={TargetsPage} />
          <Route path="/dashboard" component={CommuneDashboardPage} />
          <Route path="/dashboard/list/:key" component={DrillPage} />
          <Route path="/reports" component={ReportsPage} />
          <Route path="/reports/:scopeId/:period" component={ReportPage} />
          <Route path="/reports/:scopeId/:period/print" component={ReportPrintPage} />
          <Route path="/units" component={UnitsPage} />
          <Route path="/units/:unitId" component={UnitPage} />
          <Route path="/activities/:scopeId" component={ActivitiesPage} />
          <Route path="/lessons" component={LessonsPage} />
          <Route path="/lessons/new" component={LessonEditPage} />
          <Route path="/lessons/:key" component={LessonCardPage} />
          <Route path="/lessons/:key/edit" component={LessonEditPage} />
          <Route path="/lessons/:key/print" component={LessonPrintPage} />
          <Route path="/v/:villageId" component={HouseholdList} />
          <Route path="/v/:villageId/dashboard" component={DashboardPage} />
          <Route path="/v/:villageId/dashboard/list/:key" component={DrillPage} />
          <Route path="/v/:villageId/import" component={ImportPage} />
          <Route path="/v/:villageId/h/new" component={HouseholdNewPage} />
          <Route path="/v/:villageId/h/:householdId" component={HouseholdDetail} />
          <Route path="/v/:villageId/h/:householdId/edit" component={HouseholdEditPage} />
          <Route path="/v/:villageId/h/:householdId/r/new" component={ResidentNewPage} />
          <Route path="/v/:villageId/h/:householdId/r/:residentId" component={ResidentEditPage} />
          <Route path="/v/:villageId/h/:householdId/r/:residentId/skills" component={ResidentProfilePage} />
          <Route path="/v/:villageId/h/:householdId/visit" component={VisitPage} />
          <Route path="/v/:villageId/round" component={RoundPlannerPage} />
          <Route path="/v/:villageId/classes" component={ClassListPage} />
          <Route path="/v/:villageId/classes/new" component={ClassFormPage} />
          <Route path="/v/:villageId/classes/:classId" component={AttendancePage} />
          <Route path="/v/:villageId/classes/:classId/edit" component={ClassFormPage} />
          <Route>
            <p>{t('app.notFound')}</p>
            <Link href="/" className="button">
              {t('app.goHome')}
            </Link>
          </Route>
        </Switch>
      </Suspense>
    </AppShell>
  );
}
