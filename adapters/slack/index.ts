/** The Slack adapter's public face: app/main.ts reads the config and starts it. */
export { readSlackConfig, type SlackConfig } from './config.ts';
export { startSlack, type RunningSlack, type SlackDeps } from './app.ts';
export { createSlackDigestPoster, slackPostFailure, SLACK_GONE_ERRORS } from './digest-poster.ts';
