import { expect, type Page } from "@playwright/test";

/**
 * On the check-in page (signed in), picks the event and creates a check-in list for it (every
 * section unless `sections` are ticked), which opens the desk on that list.
 */
export const openNewDesk = async (
  page: Page,
  { eventId, listName, sections = [] }: { eventId: string; listName: string; sections?: string[] },
): Promise<void> => {
  await page.getByLabel("Event").selectOption(eventId);
  await expect(page.getByRole("heading", { name: "Check-in lists" })).toBeVisible();
  await page.getByLabel("List name").fill(listName);
  for (const section of sections) await page.getByRole("checkbox", { name: section }).check();
  await page.getByRole("button", { name: "Create list and open the desk" }).click();
  await expect(page.getByRole("heading", { level: 2, name: listName })).toBeVisible();
};

/** The desk's persistent result (also its live region), by what it says: Admitted, Refused… */
export const lastResult = (page: Page, name: "Admitted" | "Refused" | "Check-in undone") =>
  page.getByRole("region", { name, exact: true });
