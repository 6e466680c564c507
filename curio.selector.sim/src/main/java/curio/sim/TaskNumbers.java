package curio.sim;

/**
 * Each live task's number, in the order its kernel created it: the trace hashes these numbers, never the
 * process-wide task ids, which depend on what other kernels did meanwhile. An open-addressing table
 * keyed by task id, read on every switch: a lookup reads two arrays, and an ended task's entry is
 * removed, so a long run's table holds only its live tasks.
 * <p>Invariants: {@code ids[i] == 0} marks a free slot (task ids start at 1); every id sits in the run
 * of occupied slots that begins at its home slot (linear probing, kept by backward-shift removal);
 * at most half the slots are occupied.
 */
final class TaskNumbers {

    private long[] ids = new long[64];
    private int[] numbers = new int[64];
    private int size;
    private int created;

    /** Numbers a new task: the count of tasks created before it. */
    int add(long id) {
        if (2 * (size + 1) > ids.length) {
            grow();
        }
        int n = created++;
        put(id, n);
        return n;
    }

    /** The task's number, or -1 for a task this table never numbered (or one that ended). */
    int get(long id) {
        int mask = ids.length - 1;
        for (int i = home(id, mask); ids[i] != 0; i = (i + 1) & mask) {
            if (ids[i] == id) {
                return numbers[i];
            }
        }
        return -1;
    }

    /** Forgets an ended task. */
    void remove(long id) {
        int mask = ids.length - 1;
        int i = home(id, mask);
        while (ids[i] != id) {
            if (ids[i] == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        ids[i] = 0;
        size--;
        // Backward shift: an entry after the hole moves into it unless its home lies in (hole, entry].
        for (int j = (i + 1) & mask; ids[j] != 0; j = (j + 1) & mask) {
            int k = home(ids[j], mask);
            boolean staysPut = i <= j ? i < k && k <= j : i < k || k <= j;
            if (!staysPut) {
                ids[i] = ids[j];
                numbers[i] = numbers[j];
                ids[j] = 0;
                i = j;
            }
        }
    }

    private void put(long id, int number) {
        int mask = ids.length - 1;
        int i = home(id, mask);
        while (ids[i] != 0) {
            i = (i + 1) & mask;
        }
        ids[i] = id;
        numbers[i] = number;
        size++;
    }

    private void grow() {
        long[] oldIds = ids;
        int[] oldNumbers = numbers;
        ids = new long[oldIds.length * 2];
        numbers = new int[oldIds.length * 2];
        size = 0;
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != 0) {
                put(oldIds[i], oldNumbers[i]);
            }
        }
    }

    private static int home(long id, int mask) {
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }
}
