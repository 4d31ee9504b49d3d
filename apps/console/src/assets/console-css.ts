/** The console's one stylesheet, served at /assets/console.css (no CDN, no build step). */
export const consoleCss = `
:root { --fg: #1b1f24; --muted: #57606a; --bg: #fff; --line: #d0d7de; --accent: #0b5cad; --ok: #1a7f37; --bad: #b42318; --warn: #9a6700; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; z-index: 2; }
header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 24px; padding: 8px 16px; background: #10233f; color: #fff; }
header a { color: #dce8f7; text-decoration: none; padding: 4px 2px; }
header a[aria-current="page"] { color: #fff; border-bottom: 2px solid #f5a623; }
header nav ul { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; margin: 0; padding: 0; }
.brand { font-weight: 600; }
.brand small { font-weight: 400; opacity: .8; }
.who { margin-left: auto; display: flex; gap: 8px; align-items: center; }
main { padding: 16px; max-width: 1280px; margin: 0 auto; }
main:focus { outline: none; }
h1 { font-size: 1.5rem; margin: 0 0 12px; }
h2 { font-size: 1.15rem; margin: 0 0 8px; }
section { margin: 0 0 20px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px; }
.grid > section, .grid > table { border: 1px solid var(--line); border-radius: 6px; padding: 12px; }
table { border-collapse: collapse; width: 100%; margin: 0 0 12px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: var(--soft); font-weight: 600; }
.scroll { overflow-x: auto; }
.counts td { text-align: right; font-variant-numeric: tabular-nums; }
dl { display: grid; grid-template-columns: fit-content(45%) minmax(0, 1fr); gap: 4px 12px; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
.meta { color: var(--muted); }
.state { font-weight: 600; }
.ok, .synced { color: var(--ok); }
.bad, .error, .quarantined { color: var(--bad); }
.pending, .notSynced { color: var(--warn); }
.deleted { color: var(--muted); }
pre { background: var(--soft); padding: 8px; overflow-x: auto; font-size: 13px; margin: 4px 0; max-height: 360px; }
code { font-size: 13px; }
button, .button, input, select { font: inherit; padding: 6px 10px; border: 1px solid var(--line); border-radius: 6px; background: #fff; color: var(--fg); min-height: 36px; }
button, .button { cursor: pointer; background: var(--accent); color: #fff; border-color: var(--accent); text-decoration: none; display: inline-block; }
header button { background: transparent; border-color: #dce8f7; }
.filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; margin: 0 0 12px; }
.filters label, .sign-in label { display: flex; flex-direction: column; font-size: 13px; color: var(--muted); }
.pager { display: flex; gap: 16px; }
.timeline { list-style: none; padding: 0; border-left: 3px solid var(--line); }
.timeline li { margin: 0 0 6px; padding-left: 12px; }
.timeline li.cic { border-left: 3px solid #8250df; margin-left: -3px; }
.timeline li.mapping { border-left: 3px solid var(--warn); margin-left: -3px; }
.timeline li.delivery { border-left: 3px solid var(--ok); margin-left: -3px; }
.timeline summary { cursor: pointer; }
.progress { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin: 8px 0; }
progress { width: min(480px, 100%); height: 20px; }
meter { width: 120px; }
output { display: block; margin-top: 6px; }
.errors { padding-left: 18px; }
.sign-in main { max-width: 380px; margin-top: 10vh; }
.sign-in form { display: flex; flex-direction: column; gap: 12px; }
@media (max-width: 640px) {
  header { padding: 8px; }
  .who { margin-left: 0; }
  main { padding: 10px; }
  th, td { padding: 4px 6px; }
}
`;
