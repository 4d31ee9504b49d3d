/** The process shell every bridge service shares: Nest app, JetStream consumers, HTTP, graceful stop. */
export { startService, type ServiceOptions } from './start-service';
