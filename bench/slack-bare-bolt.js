// The baseline of `npm run bench:slack`: a bare Bolt app whose command handler only acks,
// in its own process, in plain JavaScript (no TypeScript loader): Bolt and nothing else.
// Arguments: port, Web API URL, signing secret.
import { App } from '@slack/bolt';

const [port, slackApiUrl, signingSecret] = process.argv.slice(2);
const app = new App({ token: 'xoxb-bench', signingSecret, deferInitialization: true, clientOptions: { slackApiUrl } });
app.command('/sinorussia', async ({ ack }) => {
  await ack();
});
await app.init();
await app.start(Number(port));
