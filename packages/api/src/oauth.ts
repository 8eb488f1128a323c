// The server's OAuth callback: Cal.com's redirect back with the code finishes the connection.
export { finishOAuth } from './services/calendar/connect.ts';
