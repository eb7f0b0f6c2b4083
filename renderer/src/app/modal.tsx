import { createContext, useContext, useMemo, useRef, type HTMLAttributes, type ReactNode, type RefObject } from 'react';
import { DismissButton, Overlay, useModalOverlay } from 'react-aria';
import { OverlayTriggerStateContext, type OverlayTriggerState } from 'react-aria-components';

/**
 * The window's modal: react-aria's modal behaviour (focus kept inside and
 * given back, the rest of the window inert, Escape and a click outside
 * dismiss, page scroll prevented, a dismiss button for screen readers) in
 * the same two elements react-aria-components' ModalOverlay and Modal give.
 *
 * Why not theirs: react-aria-components' ModalOverlay measures the page on
 * every render and reads the viewport's size right after the rest of the
 * window was made inert. That read forces the style of the whole window to
 * be recomputed inside the key press or click that opened the dialog (about
 * 30 ms with a long chat open, a task over 50 ms with the dialog's first
 * render). Here the recomputation is left to the next frame. The window sets
 * no styles from those measurements, and has no enter or exit animations
 * that would need them.
 *
 * Always controlled: `isOpen` and `onOpenChange`, as every dialog here is.
 */
export interface ModalOverlayProps {
  isOpen: boolean;
  onOpenChange?: (isOpen: boolean) => void;
  /** A click outside or Escape closes it (and a dismiss button is offered to screen readers). */
  isDismissable?: boolean;
  /** Escape does not close it (a dialog staff must answer). */
  isKeyboardDismissDisabled?: boolean;
  /** Class of the backdrop, the element that covers the window. */
  className?: string;
  children: ReactNode;
}

interface ModalParts {
  modalProps: HTMLAttributes<HTMLElement>;
  modalRef: RefObject<HTMLDivElement | null>;
  isDismissable: boolean;
}

const ModalPartsContext = createContext<ModalParts | null>(null);

export function ModalOverlay({ isOpen, ...props }: ModalOverlayProps) {
  return isOpen ? <OpenModalOverlay {...props} /> : null;
}

function OpenModalOverlay({ onOpenChange, isDismissable = false, isKeyboardDismissDisabled = false, className, children }: Omit<ModalOverlayProps, 'isOpen'>) {
  const changeRef = useRef(onOpenChange);
  changeRef.current = onOpenChange;
  // The state react-aria's hooks and the Dialog inside (its close slot) read. Stable, so the
  // dialog's content does not redraw when the parent passes a new onOpenChange.
  const state = useMemo<OverlayTriggerState>(() => {
    const setOpen = (open: boolean): void => changeRef.current?.(open);
    // Opened by its parent (never at a pointer), so it has no trigger point.
    return { isOpen: true, setOpen, open: () => setOpen(true), close: () => setOpen(false), toggle: () => setOpen(false), point: null, setPoint: () => {} };
  }, []);
  const modalRef = useRef<HTMLDivElement>(null);
  const { modalProps, underlayProps } = useModalOverlay({ isDismissable, isKeyboardDismissDisabled }, state, modalRef);
  // Not memoized: react-aria's modalProps are a new object on every render.
  const parts: ModalParts = { modalProps, modalRef, isDismissable };
  return (
    <Overlay>
      <div {...underlayProps} className={className}>
        <OverlayTriggerStateContext.Provider value={state}>
          <ModalPartsContext.Provider value={parts}>{children}</ModalPartsContext.Provider>
        </OverlayTriggerStateContext.Provider>
      </div>
    </Overlay>
  );
}

/** The modal's box, inside a ModalOverlay; holds the Dialog. */
export function Modal({ className, children }: { className?: string; children: ReactNode }) {
  const parts = useContext(ModalPartsContext);
  const state = useContext(OverlayTriggerStateContext);
  if (!parts || !state) throw new Error('Modal must be placed inside a ModalOverlay');
  return (
    <div {...parts.modalProps} ref={parts.modalRef} className={className}>
      {parts.isDismissable && <DismissButton onDismiss={state.close} />}
      {children}
    </div>
  );
}
