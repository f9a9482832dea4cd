import { expect, test, type Page } from '@playwright/test';
import { circleGeometry } from '../../shared/ipt/closeness-circle.ts';
import { addClient, createVault, expectAccessible, openSession, screenshot, type AppSession } from './harness.ts';

let session: AppSession;
test.afterAll(async () => {
  await session?.close().catch(() => undefined);
  session?.cleanup();
});

const PEOPLE = [
  ['Mum', 'Parent', 'Support'],
  ['Sam', 'Partner', 'Stress'],
  ['Jo', 'Friend', 'Support'],
  ['Alex', 'Colleague', 'Mixed'],
  ['Kit', 'Sibling', 'Not decided'],
] as const;

/** Screen position of ring `ring` at `angle` degrees in the interactive circle. */
async function circlePoint(page: Page, ring: number, angle: number): Promise<{ x: number; y: number }> {
  const svg = page.getByRole('group', { name: /Closeness circle of .*, 3 rings/ });
  const box = (await svg.boundingBox())!;
  const g = circleGeometry({ centreLabel: '', rings: 3, people: [], size: 520 });
  const scale = box.width / g.size;
  const r = g.ringRadii[ring - 1]!;
  const theta = (angle * Math.PI) / 180;
  return { x: box.x + (g.cx + r * Math.sin(theta)) * scale, y: box.y + (g.cy - r * Math.cos(theta)) * scale };
}

async function drag(page: Page, name: string, ring: number, angle: number): Promise<void> {
  await page.getByRole('group', { name: /Closeness circle of .*, 3 rings/ }).scrollIntoViewIfNeeded();
  const chip = page.getByRole('button', { name: new RegExp(`^${name}, `) });
  const box = (await chip.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  const target = await circlePoint(page, ring, angle);
  await page.mouse.move(target.x, target.y, { steps: 8 });
  await page.mouse.up();
  await expect(chip).toHaveAttribute('data-ring', String(ring));
}

test('a course, its checklist, five people on the closeness circle, two snapshots compared', async () => {
  session = await openSession();
  const { page } = session;
  await createVault(page);
  await addClient(page, 'Morgan Reyes');

  // A course of treatment with its contract.
  await page.getByRole('tab', { name: 'Course' }).click();
  await expect(page.getByRole('heading', { name: 'Start a course of treatment' })).toBeVisible();
  await page.getByLabel('Start date').fill('2026-01-05');
  await page.getByLabel('Planned sessions').fill('24');
  await expect(page.getByLabel('Why this many sessions?')).toBeVisible();
  await page.getByLabel('Planned sessions').fill('12');
  await page.getByLabel('Agreed focus').fill('Conflict at home since the move');
  await expectAccessible(page, 'start a course');
  await page.getByRole('button', { name: 'Start course' }).click();
  await expect(page.getByText('No sessions yet · 12 planned')).toBeVisible();

  // The initial-phase checklist.
  await page.getByLabel('Diagnosis', { exact: true }).fill('Depressive episode, moderate');
  await page.getByLabel('Code system (optional)').selectOption('ICD-10');
  await page.getByLabel('Diagnosis code').fill('F32.1');
  await page.getByLabel('Psychoeducation given').check();
  await page.getByLabel('Sick role discussed').check();
  await page.getByLabel('Interpersonal inventory done').check();
  await page.getByRole('button', { name: 'Save checklist' }).click();
  await expect(page.getByRole('form', { name: 'Initial phase checklist' }).getByRole('status')).toHaveText('Saved.');
  await page.getByRole('button', { name: 'Record session' }).click();
  await expect(page.getByText('Session 1 of 12').first()).toBeVisible();
  await expectAccessible(page, 'course');
  await screenshot(page, '10-course');

  // Five people in the inventory.
  await page.getByRole('tab', { name: 'Inventory' }).click();
  for (const [name, relationship, role] of PEOPLE) {
    await page.getByRole('button', { name: 'Add a person' }).click();
    await page.getByLabel('Name or initials').fill(name);
    await page.getByLabel('Relationship', { exact: true }).selectOption({ label: relationship });
    await page.getByLabel('Role near the onset').selectOption({ label: role });
    if (name === 'Sam') {
      await page.getByLabel('How often they argue').selectOption({ label: 'Often' });
      await page.getByLabel('What the client would like to change').fill('Talk about chores without shouting');
    }
    await page.getByRole('button', { name: 'Add to inventory' }).click();
    await expect(page.getByRole('button', { name: `Edit ${name}` })).toBeVisible();
  }
  await expectAccessible(page, 'inventory');
  await screenshot(page, '11-inventory');

  // Place them on the circle: four by mouse, one by keyboard.
  await page.getByRole('tab', { name: 'Closeness circle' }).click();
  for (const [name] of PEOPLE.slice(0, 4)) {
    await page.getByRole('button', { name: `Place ${name} on the circle` }).click();
    await expect(page.getByRole('button', { name: new RegExp(`^${name}, `) })).toBeVisible();
  }
  await drag(page, 'Mum', 1, 0);
  await drag(page, 'Sam', 1, 100);
  await drag(page, 'Jo', 2, 200);
  await drag(page, 'Alex', 3, 280);
  const place = page.getByRole('button', { name: 'Place Kit on the circle' });
  await place.focus();
  await page.keyboard.press('Enter');
  const kit = page.getByRole('button', { name: /^Kit, / });
  await expect(kit).toHaveAttribute('data-ring', '2');
  await kit.focus();
  await page.keyboard.press('ArrowDown');
  await expect(kit).toHaveAttribute('data-ring', '3');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('status').filter({ hasText: 'Kit is on ring 3 of 3, the furthest.' })).toBeAttached();
  await expectAccessible(page, 'closeness circle');
  await screenshot(page, '12-circle', '.circle-layout');

  await page.getByLabel('Snapshot date').fill('2026-01-12');
  await page.getByLabel('Label (optional)').fill('First session');
  await page.getByRole('button', { name: 'Save snapshot' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Snapshot of' })).toBeAttached();

  // Two people move; a second snapshot; compare.
  await drag(page, 'Sam', 3, 120);
  await drag(page, 'Jo', 1, 220);
  await page.getByLabel('Snapshot date').fill('2026-03-23');
  await page.getByLabel('Label (optional)').fill('Last session');
  await page.getByRole('button', { name: 'Save snapshot' }).click();
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const changes = page.getByRole('list', { name: 'What changed' });
  await expect(changes).toContainText('Sam moved further away (ring 1 → 3)');
  await expect(changes).toContainText('Jo moved closer (ring 2 → 1)');
  await expect(changes).toContainText('Mum did not move');
  await expect(page.locator('.comparison .chip-highlighted')).toHaveCount(4);
  await expectAccessible(page, 'snapshot comparison');
  await screenshot(page, '13-circle-comparison', '.comparison');

  // The overview shows the course, the phase and the circle.
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByText('Session 1 of 12')).toBeVisible();
  await expect(page.getByText('Initial phase', { exact: false }).first()).toBeVisible();
  await expectAccessible(page, 'overview');
  await screenshot(page, '14-overview');

  // A referenced person cannot vanish: add a life event with Sam, then try to remove Sam.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.getByLabel('Event date').fill('2025-10-01');
  await page.getByLabel('What happened').fill('Moved in together');
  await page.getByLabel('Kind of event').selectOption({ label: 'Move' });
  await page.getByLabel('Person involved').selectOption({ label: 'Sam' });
  await page.getByRole('button', { name: 'Add event' }).click();
  await expect(page.getByRole('cell', { name: 'Moved in together', exact: true })).toBeVisible();
  await expectAccessible(page, 'timeline');
  await screenshot(page, '15-timeline');
  await page.getByRole('tab', { name: 'Inventory' }).click();
  await page.getByRole('button', { name: 'Remove Sam' }).click();
  await expect(page.getByText('Sam is part of this client’s record')).toBeVisible();
  await expect(page.getByText('Life event “Moved in together” on 2025-10-01')).toBeVisible();
  await expectAccessible(page, 'person in use');

  // With people in the inventory, the checklist says how many and offers the tick; only Save saves it.
  await page.getByRole('tab', { name: 'Course' }).click();
  const checklist = page.getByRole('form', { name: 'Initial phase checklist' });
  await checklist.getByLabel('Interpersonal inventory done').uncheck();
  await checklist.getByRole('button', { name: 'Save checklist' }).click();
  await expect(checklist.getByRole('status')).toHaveText('Saved.');
  await expect(checklist.getByText('5 people are in the inventory.')).toBeVisible();
  await checklist.getByRole('button', { name: 'Tick “Interpersonal inventory done”' }).click();
  await expect(checklist.getByLabel('Interpersonal inventory done')).toBeChecked();
  await expect(checklist.getByRole('status')).toHaveCount(0);
  await expect(checklist.getByRole('button', { name: 'Tick “Interpersonal inventory done”' })).toHaveCount(0);
  await checklist.getByRole('button', { name: 'Save checklist' }).click();
  await expect(checklist.getByRole('status')).toHaveText('Saved.');
  await expectAccessible(page, 'checklist with the inventory hint');

  // A life event is removed only after a confirmation; "Keep it" keeps it and returns focus.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const removeEvent = page.getByRole('button', { name: 'Remove event Moved in together' });
  await removeEvent.click();
  const question = page.getByRole('group', { name: /^Remove “Moved in together” \(.+\) from the timeline\?$/ });
  await expect(question).toBeFocused();
  await expectAccessible(page, 'remove a life event?');
  await question.getByRole('button', { name: 'Keep it' }).click();
  await expect(removeEvent).toBeFocused();
  await expect(page.getByRole('cell', { name: 'Moved in together', exact: true })).toBeVisible();
  await removeEvent.click();
  await page.getByRole('button', { name: 'Remove event', exact: true }).click();
  await expect(page.getByRole('cell', { name: 'Moved in together', exact: true })).toHaveCount(0);

  // The audit trail names records in words, never in stored codes.
  await page.getByRole('button', { name: 'Settings' }).click();
  const audit = page.getByRole('region', { name: 'Audit trail' });
  await expect(audit.getByRole('cell', { name: 'Life event', exact: true }).first()).toBeVisible();
  await expect(audit.getByRole('cell', { name: 'Person in the inventory', exact: true }).first()).toBeVisible();
  for (const code of ['life_event', 'rating_series', 'safety_plan', 'person', 'client']) await expect(audit.getByRole('cell', { name: code, exact: true })).toHaveCount(0);

  expect(session.externalRequests).toEqual([]);
});
