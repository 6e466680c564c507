package curio.api.trap;

import curio.api.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wait-for graph of one kernel's blocked tasks: an edge from a task to each task that holds what it
 * waits on ({@link Owned}: a lock's holder, a joined task). A cycle is a deadlock among those tasks,
 * whatever the rest of the kernel does. Built from a snapshot taken on the kernel thread.
 */
public final class WaitGraph {

    private WaitGraph() {}

    /**
     * Returns every cycle, each once, as the tasks around it in wait order (the first waits on the
     * second, ..., the last on the first).
     *
     * @param waits every blocked task and what it waits on
     * @return every cycle, each once, as the tasks around it in wait order (the first waits on the second,
     */
    public static List<List<Task<?>>> cycles(Map<Task<?>, Object> waits) {
        Map<Task<?>, List<Task<?>>> edges = new HashMap<>();
        for (Map.Entry<Task<?>, Object> w : waits.entrySet()) {
            if (w.getValue() instanceof Owned owned) {
                edges.put(w.getKey(), owned.owners());
            }
        }
        List<List<Task<?>>> cycles = new ArrayList<>();
        Set<Task<?>> done = new HashSet<>();
        for (Task<?> start : edges.keySet()) {
            walk(start, edges, new ArrayList<>(), new HashSet<>(), done, cycles);
        }
        return cycles;
    }

    // Depth-first; a task already fully explored can close no new cycle, so each cycle is found once.
    private static void walk(Task<?> t, Map<Task<?>, List<Task<?>>> edges, List<Task<?>> path, Set<Task<?>> onPath,
                             Set<Task<?>> done, List<List<Task<?>>> cycles) {
        if (done.contains(t)) {
            return;
        }
        if (onPath.contains(t)) {
            cycles.add(List.copyOf(path.subList(path.indexOf(t), path.size())));
            return;
        }
        path.add(t);
        onPath.add(t);
        for (Task<?> next : edges.getOrDefault(t, List.of())) {
            walk(next, edges, path, onPath, done, cycles);
        }
        path.removeLast();
        onPath.remove(t);
        done.add(t);
    }

    /**
     * Describes a cycle: {@code task 2 -> task 3 -> task 2}, with what each waits on.
     *
     * @param cycle the tasks around the cycle, as {@link #cycles} gives them
     * @param waits every blocked task and what it waits on
     * @return the text
     */
    public static String describe(List<Task<?>> cycle, Map<Task<?>, Object> waits) {
        StringBuilder sb = new StringBuilder();
        for (Task<?> t : cycle) {
            sb.append("task ").append(t.id()).append(" (waits on ").append(waits.get(t)).append(") -> ");
        }
        return sb.append("task ").append(cycle.getFirst().id()).toString();
    }
}
