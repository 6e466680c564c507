package curio.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** The wall's predicate really catches blocking calls, so rules built on it cannot pass vacuously. */
class WallTest {

    @SuppressWarnings("unused")
    static final class Blocker {
        void sleeps() throws InterruptedException { Thread.sleep(1); }
        void locks(ReentrantLock l) { l.lock(); }
        void takes(BlockingQueue<String> q) throws InterruptedException { q.take(); }
        void joins(CompletableFuture<String> f) { f.join(); }
    }

    @SuppressWarnings("unused")
    static final class Innocent {
        void offers(BlockingQueue<String> q) { q.offer("x"); }
        void completes(CompletableFuture<String> f) { f.complete("x"); }
    }

    @Test
    void blockingCallsAreViolations() {
        JavaClasses classes = new ClassFileImporter().importClasses(Blocker.class, Innocent.class);
        EvaluationResult r = noClasses().should().callMethodWhere(Wall.BLOCKING_JDK_CALL).evaluate(classes);
        assertEquals(4, r.getFailureReport().getDetails().size(), r.getFailureReport().toString());
        EvaluationResult innocent = noClasses().that().haveSimpleName("Innocent")
                .should().callMethodWhere(Wall.BLOCKING_JDK_CALL).evaluate(classes);
        assertFalse(innocent.hasViolation());
    }
}
