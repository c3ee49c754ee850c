package app.hearth.reminder;

import app.hearth.reminder.service.DeliveryChannel;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A channel added by the tests alone, the way a push service would be: one more bean, nothing else changed. */
@Singleton
public class RecordingChannel implements DeliveryChannel {
    public static final List<Created> DELIVERED = new CopyOnWriteArrayList<>();

    @Override
    public void deliver(List<Created> created) {
        DELIVERED.addAll(created);
    }
}
