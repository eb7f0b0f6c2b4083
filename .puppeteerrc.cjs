// whatsapp-web.js brings puppeteer, but Tresen drives the Chrome, Chromium or
// Edge installed on the PC (main/channels/whatsapp/browser.ts): `npm ci` must
// not download puppeteer's own Chrome (about 170 MB).
module.exports = { skipDownload: true };
