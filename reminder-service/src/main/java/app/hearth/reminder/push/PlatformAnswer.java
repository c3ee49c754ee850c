package app.hearth.reminder.push;

import java.time.Duration;

/**
 * What a push service answered one attempt: its status (null if none came), the outcome's category, and the wait
 * it asked for ({@code Retry-After}), if any.
 */
record PlatformAnswer(Integer status, String category, Duration retryAfter) {}
