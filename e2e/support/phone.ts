import { expect, type Page } from "@playwright/test";

/** A common phone's screen in CSS pixels, and the narrowest one we still design for. */
export const PHONE = { width: 390, height: 844 };
export const NARROW_PHONE = { width: 360, height: 780 };

/** Nothing on the page is wider than the screen, so nothing scrolls sideways or is cut off. */
export const expectNoSidewaysScroll = async (page: Page, where: string) => {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(
    scrollWidth,
    `${where} is ${scrollWidth} px wide on a ${innerWidth} px screen`,
  ).toBeLessThanOrEqual(innerWidth);
};

/** Taps the middle of an element with a finger (the page's context needs `hasTouch`). */
export const tapMiddleOf = async (page: Page, testId: string) => {
  const target = page.getByTestId(testId);
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  if (!box) throw new Error(`${testId} is not on screen`);
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
};
