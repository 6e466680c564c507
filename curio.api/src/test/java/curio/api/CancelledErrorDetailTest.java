package curio.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** Issue 25 item 3: what an interrupted operation had done travels as details its own module defines. */
class CancelledErrorDetailTest {

    record Sent(long bytes) {}

    record Output(String text) {}

    @Test
    void aDetailIsFoundByItsClassAndReplacedByOneOfTheSameClass() {
        TaskTimeout e = new TaskTimeout(0);
        assertTrue(e.detail(Sent.class).isEmpty(), "none attached yet");
        assertSame(e, e.attach(new Sent(10)).attach(new Output("partial")));
        assertEquals(10, e.detail(Sent.class).orElseThrow().bytes());
        e.attach(new Sent(20)); // the same operation, further on
        assertEquals(20, e.detail(Sent.class).orElseThrow().bytes());
        assertEquals("partial", e.detail(Output.class).orElseThrow().text());
        assertTrue(e.detail(Object.class).isEmpty(), "found by exact class, not by a supertype");
    }

    @Test
    void nullsAreRefusedByName() {
        CancelledError e = new TaskCancelled();
        assertEquals("detail", assertThrows(NullPointerException.class, () -> e.attach(null)).getMessage());
        assertEquals("kind", assertThrows(NullPointerException.class, () -> e.detail(null)).getMessage());
    }

    @Test
    void detailsStayWithTheProgramThatCaughtTheException() throws Exception {
        CancelledError e = new TaskCancelled().attach(new Sent(5));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(e); // a detail need not be serializable
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            CancelledError back = (CancelledError) in.readObject();
            assertTrue(back.detail(Sent.class).isEmpty());
            back.attach(new Sent(1));
            assertEquals(1, back.detail(Sent.class).orElseThrow().bytes());
        }
    }
}
