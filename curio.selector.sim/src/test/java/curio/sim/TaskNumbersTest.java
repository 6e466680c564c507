package curio.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tracer's task table against a plain map, through growth and removals that shift probe runs. */
class TaskNumbersTest {

    @Test
    void agreesWithAMapThroughAddsAndRemovals() {
        TaskNumbers table = new TaskNumbers();
        Map<Long, Integer> model = new HashMap<>();
        List<Long> live = new ArrayList<>();
        Random random = new Random(16);
        long nextId = 1;
        int created = 0;
        for (int step = 0; step < 200_000; step++) {
            if (live.isEmpty() || random.nextInt(100) < 55) {
                long id = nextId;
                nextId += 1 + random.nextInt(3); // ids with gaps, as other kernels take some
                assertEquals(created, table.add(id));
                model.put(id, created++);
                live.add(id);
            } else {
                long id = live.remove(random.nextInt(live.size()));
                table.remove(id);
                model.remove(id);
                assertEquals(-1, table.get(id), "an ended task is forgotten");
            }
            if (step % 1000 == 0) {
                for (long id : live) {
                    assertEquals(model.get(id), table.get(id), "task " + id + " at step " + step);
                }
            }
        }
        table.remove(nextId + 100); // never added: nothing happens
        for (long id : live) {
            assertEquals(model.get(id), table.get(id));
        }
    }
}
