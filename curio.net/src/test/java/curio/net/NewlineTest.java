package curio.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time newline search finds exactly what a byte-by-byte loop finds. */
class NewlineTest {

    private static int byByte(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Test
    void findsTheFirstNewlineInEveryRangeOfRandomArrays() {
        // Bytes drawn from those that could fool the word trick: a newline's neighbours, 0x00 and 0x01
        // (borrows), 0x8A (a newline with the high bit set), 0x80 and 0xFF.
        byte[] alphabet = {'\n', 0x0B, 0x09, 0x00, 0x01, (byte) 0x8A, (byte) 0x80, (byte) 0xFF, 'a', 0x7F};
        SplittableRandom random = new SplittableRandom(14);
        for (int round = 0; round < 20_000; round++) {
            byte[] a = new byte[random.nextInt(0, 70)];
            int newlines = random.nextInt(0, 4);
            for (int i = 0; i < a.length; i++) {
                a[i] = alphabet[random.nextInt(newlines == 0 ? 1 : 0, alphabet.length)];
            }
            int from = a.length == 0 ? 0 : random.nextInt(0, a.length + 1);
            int to = random.nextInt(from, a.length + 1);
            assertEquals(byByte(a, from, to), Newline.indexIn(a, from, to),
                    () -> "in " + java.util.HexFormat.of().formatHex(a) + " [" + from + ", " + to + ")");
        }
    }

    @Test
    void aNewlineIsFoundAtEveryPositionOfAWord() {
        for (int at = 0; at < 24; at++) {
            byte[] a = new byte[24];
            java.util.Arrays.fill(a, (byte) 0x01);
            a[at] = '\n';
            assertEquals(at, Newline.indexIn(a, 0, a.length));
            assertEquals(at >= 3 ? at : -1, Newline.indexIn(a, 3, a.length));
            assertEquals(-1, Newline.indexIn(a, at + 1, a.length));
        }
    }
}
