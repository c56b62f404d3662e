import type { Locator, Page } from 'playwright-core';

/**
 * Drives one widget the way a reader would and asserts the visible change. `root` is the widget's
 * element (`[data-widget="<name>"]`), already scrolled into view and hydrated. Throw (or fail an
 * `expect`) when the widget does not respond.
 */
export type WidgetInteraction = (page: Page, root: Locator) => Promise<void>;
