/** The Slack adapter's public face: app/main.ts reads the config and starts it. */

export { type RunningSlack, type SlackDeps, startSlack } from './app.ts';
export { readSlackConfig, type SlackConfig } from './config.ts';
export { createSlackDigestPoster, SLACK_GONE_ERRORS, slackPostFailure } from './digest-poster.ts';
