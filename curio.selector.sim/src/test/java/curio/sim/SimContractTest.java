package curio.sim;

import curio.api.spi.SelectorProvider;
import curio.test.SelectorContract;

/**
 * The selector contract every backend passes, run against the simulation, with no kernel attached:
 * the selector keeps its own virtual clock, and a select with nothing scheduled waits, in real time,
 * for its timeout or a wake-up, as the contract's real-time checks expect. Nothing is left out.
 */
class SimContractTest extends SelectorContract {

    @Override
    protected SelectorProvider provider() {
        return new SimNetwork(1);
    }
}
