/** Opens a check-in of a running reference server: its day came yesterday (simulated time, never waited for). */
export function openCheckIn(server: { dataDir: string; databaseUrl?: string }, checkInId: string): Promise<void>;
