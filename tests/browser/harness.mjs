// What every console script shares: its command line, a headless Debian chromium launched by puppeteer-core (never a
// browser downloaded by npm) with a throw-away profile, and the few page helpers the scripts use.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';

/**
 * Parses --base, --key, --screenshots, --chromium and the script's own options (strings, all required), exiting with
 * status 2 when a required one is missing.
 */
export function readArgs(own) {
    const options = {
        base: { type: 'string' },
        key: { type: 'string' },
        screenshots: { type: 'string' },
        chromium: { type: 'string', default: '/usr/bin/chromium' },
    };
    for (const name of own) {
        options[name] = { type: 'string' };
    }
    const { values } = parseArgs({ options });
    for (const name of ['base', 'key', ...own]) {
        if (!values[name]) {
            console.error(`missing --${name}`);
            process.exit(2);
        }
    }
    values.base = values.base.replace(/\/$/, '');
    return values;
}

/** Launches headless chromium with a profile of its own; close() also removes the profile. */
export async function launch(args) {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'churnactors-chromium-'));
    const browser = await puppeteer.launch({
        executablePath: args.chromium,
        headless: true,
        ignoreDefaultArgs: true,
        args: [
            '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync',
            `--user-data-dir=${profile}`, '--remote-debugging-port=0', '--window-size=1280,900', 'about:blank',
        ],
    });
    return {
        browser,
        async close() {
            await browser.close();
            fs.rmSync(profile, { recursive: true, force: true });
        },
    };
}

/** Saves a full-page screenshot as console-NAME.png when --screenshots was given. */
export async function shoot(args, page, name) {
    if (args.screenshots) {
        fs.mkdirSync(args.screenshots, { recursive: true });
        await page.screenshot({ path: path.join(args.screenshots, `console-${name}.png`), fullPage: true });
    }
}

/** The trimmed text of the first element matching the selector, or null when there is none. */
export const text = (page, selector) => page.$eval(selector, e => e.textContent.trim()).catch(() => null);

/** Clicks the selector and waits for the navigation it starts; returns its response. */
export async function submit(page, selector) {
    const [response] = await Promise.all([page.waitForNavigation({ timeout: 30000 }), page.click(selector)]);
    return response;
}

/** Sets a form field's value. */
export async function fill(page, selector, value) {
    await page.$eval(selector, (e, v) => { e.value = v; }, value);
}

/** Prints what the script saw as one JSON object and exits 1 when it recorded an error. */
export function report(seen) {
    console.log(JSON.stringify(seen));
    process.exit(seen.error ? 1 : 0);
}
