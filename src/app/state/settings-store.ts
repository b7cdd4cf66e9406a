import { create } from 'zustand';
import { persist } from 'zustand/middleware';

interface SettingsState {
  /** The team member's display name on this phone, used as "consent recorded by". */
  memberName: string;
  setMemberName: (name: string) => void;
}

export const useSettings = create<SettingsState>()(
  persist(
    (set) => ({
      memberName: '',
      setMemberName: (memberName) => set({ memberName }),
    }),
    { name: 'ngo-so.settings' },
  ),
);
