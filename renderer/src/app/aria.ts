/**
 * The react-aria components the window uses, from one module: main.tsx
 * evaluates it as a start step of its own (the library is large), and only
 * what is listed here ends up in that chunk. Import them from here.
 */
export {
  Button,
  Dialog,
  Header,
  Heading,
  Menu,
  MenuItem,
  MenuSection,
  MenuTrigger,
  Popover,
  Separator,
  type Key,
} from 'react-aria-components';
// The modal is the window's own (same elements, no page measuring): see modal.tsx.
export { Modal, ModalOverlay } from './modal';
