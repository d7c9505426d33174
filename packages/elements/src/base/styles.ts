// Pieces of CSS every element's styles file composes, in this order, before its own rules
// (which come last and so refine them): `[typography, buttonStyles, focusRing, focusTargetRing,
// fieldErrorStyles, ownStyles]`; an element that is one bordered panel starts with
// `panelSheets(tag, …)`, the first four and its box; `borderedStack` starts the rule of a
// bordered box inside an element. Each holds only what the elements using it share; sizes,
// padding and weights that differ stay in the element's own sheet. An element that needs only
// the text styles imports `typography.styles.js` alone.
export { typography } from './typography.styles.js';
export { buttonStyles, fieldErrorStyles, focusRing, focusTargetRing } from './control.styles.js';
export { borderedStack, panelHeaderStyles, panelSheets, type PanelOptions } from './panel.styles.js';
