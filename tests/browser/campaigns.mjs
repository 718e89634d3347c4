// Drives the console's campaign pages of a running ChurnActors host in headless Chromium (Debian's chromium package)
// and prints what it saw as one JSON object; the xunit test (ConsoleCampaignsBrowserTests) asserts.
//
//   node campaigns.mjs --base http://127.0.0.1:5000 --key ADMIN_KEY --campaign ID --category CATEGORY --endpoint NAME
//                      [--screenshots DIR] [--chromium /usr/bin/chromium]
import { fill, launch, readArgs, report, shoot, submit, text } from './harness.mjs';

const args = readArgs(['campaign', 'category', 'endpoint']);
const base = args.base;
const { browser, close } = await launch(args);
const seen = {};

try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    page.setDefaultTimeout(30000);

    // Log in with the admin key.
    await page.goto(base + '/console/login');
    await page.type('#key', args.key);
    await submit(page, 'form button[type=submit]');

    // The nav leads to the campaigns list, and the list to the new campaign form.
    await submit(page, 'header.top nav a[href$="/campaigns" i]');
    seen.listPath = new URL(page.url()).pathname.toLowerCase();
    await submit(page, '#new-campaign');

    // Fill the form: the audience filter as JSON, a cron schedule with its time zone; a dry run shows the count.
    await fill(page, '#campaign-id', args.campaign);
    await fill(page, '#campaign-name', 'Mondays in Berlin');
    await fill(page, '#campaign-audience', JSON.stringify({ all: [{ field: 'topCategory', op: 'eq', value: args.category }] }));
    await fill(page, '#campaign-endpoint', args.endpoint);
    await fill(page, '#campaign-holdout', '0.2');
    await page.select('#campaign-schedule-type', 'cron');
    await fill(page, '#campaign-cron', '0 9 * * MON');
    await fill(page, '#campaign-timezone', 'Europe/Berlin');
    await submit(page, '#dry-run');
    seen.dryRun = {
        count: await text(page, '#audience-count'),
        high: await text(page, '#band-high'),
        sample: await page.$$eval('#audience-sample tbody tr', rows => rows.length),
    };
    await shoot(args, page, 'campaign-new');

    // Save: the campaign page shows the schedule and its recurring job.
    await submit(page, '#save');
    seen.campaign = {
        path: new URL(page.url()).pathname.toLowerCase(),
        id: await text(page, '#campaign-id'),
        schedule: await text(page, '#campaign-schedule'),
        recurringJob: await text(page, '#recurring-job'),
    };

    // The Hangfire dashboard (HTTP Basic, the admin key as user name) lists the recurring job; it is opened in a
    // context of its own so that the console's pages go on without the Basic credentials.
    const dashboardContext = await browser.createBrowserContext();
    const dashboard = await dashboardContext.newPage();
    await dashboard.authenticate({ username: args.key, password: '' });
    const recurring = await dashboard.goto(base + '/hangfire/recurring');
    seen.hangfire = {
        status: recurring.status(),
        jobs: await dashboard.$$eval('table td', cells => cells.map(c => c.textContent.trim()).filter(t => t.startsWith('campaign:'))),
    };
    await shoot(args, dashboard, 'campaign-hangfire');
    await dashboardContext.close();

    // Run now, then follow the run on the campaign page until it has finished.
    const started = await submit(page, '#run-now');
    seen.runStarted = await text(page, '#run-started');
    seen.runStartedStatus = started?.status() ?? null;
    seen.runStartedUrl = page.url();
    const deadline = Date.now() + 90000;
    let status = null;
    while (Date.now() < deadline) {
        status = await text(page, '#runs tbody tr td.status');
        if (status === 'finished' || status?.startsWith('failed')) {
            break;
        }
        await new Promise(resolve => setTimeout(resolve, 500));
        await page.reload();
    }
    seen.runStatus = status;
    seen.results = {
        charts: await page.$$eval('#results svg.chart', charts => charts.length),
        bars: await page.$$eval('#results svg.chart .bar', bars => bars.map(b => b.getAttribute('class'))),
        members: await page.$$eval('#runs tbody tr td.num', cells => cells.map(c => c.textContent.trim())),
    };
    await shoot(args, page, 'campaign');

    // The list shows the campaign with its schedule and last run.
    await page.goto(base + '/console/campaigns');
    seen.list = {
        schedule: await text(page, `tr[data-campaign="${args.campaign}"] td.schedule`),
        lastRun: await text(page, `tr[data-campaign="${args.campaign}"] td.last-run`),
    };
    await shoot(args, page, 'campaigns');
} catch (error) {
    seen.error = String(error?.stack ?? error);
} finally {
    await close();
}

report(seen);
