package app.hearth.reminder.service;

import java.util.List;
import java.util.UUID;

/**
 * A way notifications reach people beyond the inbox. Every channel bean is handed each batch of newly created
 * notifications inside the transaction that creates them, so what it queues commits (or not) with them; it should
 * queue work (an outbox row, a delivery row) rather than call out. Adding a channel (a push service) is adding a bean:
 * the dispatcher and the other channels do not change.
 */
public interface DeliveryChannel {

    /** A notification just created: its id and what it says. */
    record Created(UUID notificationId, NotificationWriter.Draft draft) {}

    void deliver(List<Created> created);
}
