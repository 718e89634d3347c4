// Drives the churn console of a running ChurnActors host in headless Chromium (Debian's chromium package, never a
// browser downloaded by npm) and prints what it saw as one JSON object; the xunit test (ConsoleBrowserTests) asserts.
//
//   node console.mjs --base http://127.0.0.1:5000 --key ADMIN_KEY --customer ID --playbook ID --promote VERSION
//                    [--screenshots DIR] [--chromium /usr/bin/chromium]
import { launch, readArgs, report, shoot, submit, text } from './harness.mjs';

const args = readArgs(['customer', 'playbook', 'promote']);
const base = args.base;
const { browser, close } = await launch(args);
const seen = {};
const sessionCookie = async page => (await page.cookies(base + '/console')).some(c => c.name === 'churnactors.console');

try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    page.setDefaultTimeout(30000);

    // Every request the pages make must go to the host: no CDN, no font or script from elsewhere.
    seen.foreignRequests = [];
    page.on('request', request => {
        const url = request.url();
        if (!url.startsWith(base + '/') && !url.startsWith('data:') && url !== 'about:blank') {
            seen.foreignRequests.push(url);
        }
    });

    // Not logged in: the console sends the browser to the login page.
    await page.goto(base + '/console');
    seen.redirectedToLogin = new URL(page.url()).pathname.toLowerCase() === '/console/login';

    // A wrong key is refused and opens no session.
    await page.type('#key', 'not-an-admin-key');
    const failed = await submit(page, 'form button[type=submit]');
    seen.failedLogin = { status: failed.status(), error: await text(page, '#login-error'), session: await sessionCookie(page) };
    await shoot(args, page, 'login-failed');

    // A form posted without its anti-forgery token is refused, however right the key.
    seen.loginWithoutToken = await page.evaluate(async key => {
        const response = await fetch('/console/login', {
            method: 'POST', body: new URLSearchParams({ key }), redirect: 'manual', credentials: 'same-origin',
        });
        return response.status;
    }, args.key);
    seen.sessionAfterLoginWithoutToken = await sessionCookie(page);

    // The admin key opens the session and lands on the overview.
    await page.$eval('#key', e => { e.value = ''; });
    await page.type('#key', args.key);
    await submit(page, 'form button[type=submit]');
    seen.afterLogin = new URL(page.url()).pathname.toLowerCase();
    seen.session = await sessionCookie(page);
    seen.bandCounts = {};
    for (const band of ['low', 'medium', 'high']) {
        seen.bandCounts[band] = Number(await page.$eval(`#band-${band}`, e => e.dataset.count));
    }
    seen.overviewCharts = await page.$$eval('svg.chart', charts => charts.length);
    seen.championAuc = await text(page, '#champion-auc');
    await shoot(args, page, 'overview');

    // The at-risk list, and its next page by keyset.
    await page.goto(base + '/console/customers?sort=probability');
    const firstPage = await page.$$eval('#at-risk tbody tr td:first-child', cells => cells.map(c => c.textContent.trim()));
    await shoot(args, page, 'at-risk');
    await submit(page, '#next-page');
    const secondPage = await page.$$eval('#at-risk tbody tr td:first-child', cells => cells.map(c => c.textContent.trim()));
    seen.atRisk = { firstPage, secondPage };

    // A customer: the grain's view and the latest event from the log.
    await page.goto(`${base}/console/customer?id=${encodeURIComponent(args.customer)}`);
    seen.customer = {
        id: await text(page, '#customer-id'),
        latestEvent: await text(page, '#timeline tbody tr:first-child .event-name'),
        band: await text(page, '#customer-band'),
        arms: await page.$$eval('.episode h3 strong', arms => arms.map(a => a.textContent.trim())),
        decisions: await page.$$eval('.episode tbody tr td:nth-child(4)', cells => cells.map(c => c.textContent.trim())),
    };
    await shoot(args, page, 'customer');

    // A playbook's results: a chart of both arms with the lift's interval.
    await page.goto(`${base}/console/playbook?id=${encodeURIComponent(args.playbook)}`);
    seen.playbook = {
        charts: await page.$$eval('#results svg.chart', charts => charts.length),
        bars: await page.$$eval('#results svg.chart rect.bar', bars => bars.map(b => b.getAttribute('class'))),
        lift: await text(page, '#results .lift'),
    };
    await shoot(args, page, 'playbook');

    // Promote a candidate, through the confirmation step.
    await page.goto(base + '/console/models');
    await submit(page, `tr[data-version="${args.promote}"] a.promote`);
    seen.promoteQuestion = await text(page, '#confirm-question');
    seen.championBeforeConfirm = await page.evaluate(async () => {
        const html = await (await fetch('/console/models')).text();
        return new DOMParser().parseFromString(html, 'text/html').querySelector('tr[data-status="champion"]')?.dataset.version ?? null;
    });
    seen.confirmWithoutToken = await page.evaluate(async version => {
        const response = await fetch('/console/modelchange', {
            method: 'POST', body: new URLSearchParams({ version, rollback: 'false' }), redirect: 'manual', credentials: 'same-origin',
        });
        return response.status;
    }, args.promote);
    await shoot(args, page, 'model-confirm');
    await submit(page, '#confirm');
    seen.promoted = {
        done: await text(page, '#model-change-done'),
        champion: await page.$eval('tr[data-status="champion"]', e => e.dataset.version).catch(() => null),
    };
    await shoot(args, page, 'models');

    // Roll back, through the confirmation step.
    await submit(page, '#rollback');
    seen.rollbackQuestion = await text(page, '#confirm-question');
    await submit(page, '#confirm');
    seen.rolledBack = {
        done: await text(page, '#model-change-done'),
        champion: await page.$eval('tr[data-status="champion"]', e => e.dataset.version).catch(() => null),
    };

    // Log out: the session ends and the console asks for the key again.
    await submit(page, 'form.logout button');
    await page.goto(base + '/console/models');
    seen.afterLogout = new URL(page.url()).pathname.toLowerCase();
} catch (error) {
    seen.error = String(error?.stack ?? error);
} finally {
    await close();
}

report(seen);
