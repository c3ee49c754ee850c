package app.hearth.reminder.service;

import app.hearth.platform.http.ApiException;
import java.util.function.LongSupplier;

/**
 * Caps on how many things one owner may have (webhooks, reminders, ...). Checked under the owner's lock
 * ({@link ReminderLocks}), taken by the caller in the transaction that then creates the thing, so parallel requests of
 * one owner are counted one after another and cannot all slip under the cap.
 */
public final class Caps {
    private Caps() {}

    /** Refuses with 429 (limit-reached) if {@code count} has already reached {@code max}. */
    public static void refuseAtLimit(int max, LongSupplier count, String detail) {
        if (count.getAsLong() >= max) {
            throw ApiException.limitReached(detail);
        }
    }
}
