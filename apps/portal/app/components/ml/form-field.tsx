/**
 * Kept only for pages not yet moved to the form kit (`components/form`), which is the one way to
 * build a form; new code imports `inputClass` from there. Delete once nothing imports this.
 */
export { inputClass as fieldClass } from '../form/fields';
