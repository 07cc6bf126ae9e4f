package dev.mailgate.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The low-cardinality promise: no tag or key value is (or contains) an address. */
final class TagHygiene implements ObservationHandler<Observation.Context> {
    /** Every observation context that was stopped, in order. */
    final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

    /** Collects the contexts of the registry's observations. */
    static TagHygiene on(ObservationRegistry registry) {
        TagHygiene h = new TagHygiene();
        registry.observationConfig().observationHandler(h);
        return h;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return true;
    }

    @Override
    public void onStop(Observation.Context context) {
        stopped.add(context);
    }

    /** The low-cardinality value of a key in each stopped observation of that name, in order. */
    List<String> values(String observation, String key) {
        return stopped.stream().filter(c -> c.getName().equals(observation)).map(c -> {
            KeyValue kv = c.getLowCardinalityKeyValue(key);
            return kv == null ? "(none)" : kv.getValue();
        }).toList();
    }

    void assertNoAddresses(MeterRegistry meters) {
        List<String> values = new ArrayList<>();
        for (Meter m : meters.getMeters()) {
            for (Tag t : m.getId().getTags()) {
                values.add(m.getId().getName() + " " + t.getKey() + "=" + t.getValue());
            }
        }
        for (Observation.Context c : stopped) {
            for (KeyValue kv : c.getAllKeyValues()) {
                values.add(c.getName() + " " + kv.getKey() + "=" + kv.getValue());
            }
            values.add(c.getName() + " contextual name=" + c.getContextualName());
        }
        assertThat(values).as("tags and key values").isNotEmpty().noneMatch(v -> v.contains("@"));
    }
}
