import { useEffect } from 'react';
import { useAppStore } from './store/selectors.ts';
import { ProfileSetup } from './features/profile/ProfileSetup.tsx';
import { StartScreen } from './features/start/StartScreen.tsx';
import { Workspace } from './features/case/Workspace.tsx';
import { Toast } from './components/Toast.tsx';

export function App() {
  const boot = useAppStore((s) => s.boot);
  const bootError = useAppStore((s) => s.bootError);
  const hasProfile = useAppStore((s) => Boolean(s.info?.profile));
  const hasCase = useAppStore((s) => s.caseInfo !== null);
  const toast = useAppStore((s) => s.toast);
  const toastDismissed = useAppStore((s) => s.toastDismissed);
  const appStarted = useAppStore((s) => s.appStarted);

  useEffect(() => {
    void appStarted();
  }, [appStarted]);

  // Progress of long evidence work arrives whatever screen is showing.
  useEffect(() => window.api.events?.onEvidenceProgress?.((p) => useAppStore.getState().evidenceProgressed(p)), []);

  useEffect(() => {
    const store = useAppStore.getState;
    return window.api.events?.onMenuCommand((command) => {
      const s = store();
      if (command.command === 'newCase') s.newCaseRequested();
      if (command.command === 'openCase') void s.openCaseRequested();
      if (command.command === 'openRecent' && command.path) void s.caseOpened(command.path);
      if (command.command === 'closeCase') void s.caseClosed();
      if (command.command === 'verify' && s.caseInfo) {
        s.sectionChosen('audit');
        void s.verifyRequested();
      }
    });
  }, []);

  let screen;
  if (boot === 'loading') {
    screen = (
      <p className="loading" aria-live="polite">
        Starting Custos…
      </p>
    );
  } else if (boot === 'failed') {
    screen = (
      <div className="fatal" role="alert">
        <h1>Custos could not start</h1>
        <p>{bootError}</p>
      </div>
    );
  } else if (!hasProfile) screen = <ProfileSetup firstRun />;
  else if (!hasCase) screen = <StartScreen />;
  else screen = <Workspace />;
  // The case's sidebar is where a message covers nothing; elsewhere the screens leave a corner free.
  const inCase = boot === 'ready' && hasProfile && hasCase;

  return (
    <>
      {screen}
      {toast ? <Toast kind={toast.kind} text={toast.text} onDismiss={toastDismissed} inCase={inCase} /> : null}
    </>
  );
}
