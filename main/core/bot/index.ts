export { Bot, fill, type BotDeps, type BotDecision } from './bot';
export { Announcements, personalise, ANNOUNCEMENT_JOB, type AnnouncementDeps } from './announcements';
export { defaultBotSettings, DEFAULT_RULES, DEFAULT_HANDOVER_WORDS } from './defaults';
