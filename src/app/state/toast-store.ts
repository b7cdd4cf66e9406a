import { create } from 'zustand';

export interface Toast {
  id: number;
  message: string;
  /** An undo or similar one-tap action, offered while the toast is shown. */
  action?: { label: string; run: () => void | Promise<void> };
}

interface ToastState {
  toast: Toast | undefined;
  show: (toast: Omit<Toast, 'id'>) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;

export const useToast = create<ToastState>()((set) => ({
  toast: undefined,
  show: (toast) => set({ toast: { ...toast, id: nextId++ } }),
  dismiss: (id) => set((s) => (s.toast?.id === id ? { toast: undefined } : s)),
}));
