/** A key event with no modifier or special key set: spread it and set what a test presses. */
export {NO_KEY} from '../../source/ui/key-input.js';
