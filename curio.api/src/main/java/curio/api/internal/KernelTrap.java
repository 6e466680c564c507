package curio.api.internal;

/**
 * A blocking trap, as {@link KernelCore#trap} receives it: {@code curio.api.trap.BlockingTrap} extends this,
 * so that the kernel's door names no type of the package that calls it, and the kernel, which reads both,
 * switches over the records themselves.
 */
public interface KernelTrap {}
