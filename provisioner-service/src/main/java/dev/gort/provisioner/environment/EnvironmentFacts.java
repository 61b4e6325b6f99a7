package dev.gort.provisioner.environment;

/**
 * What a step may learn about an environment: every field a step sets on its detached copy, which
 * {@link ProvisioningWork#record} copies onto the stored environment. Where it is and who asked
 * (state, step, owner, the work lease) are the recorder's, never copied.
 */
final class EnvironmentFacts {

  private EnvironmentFacts() {}

  static void copy(Environment from, Environment to) {
    to.repositoryCommit = from.repositoryCommit;
    to.repositoryFiles = from.repositoryFiles;
    to.requirements = from.requirements;
    to.decisions = from.decisions;
    to.warnings = from.warnings;
    to.imageId = from.imageId;
    to.imageName = from.imageName;
    to.nodeType = from.nodeType;
    to.durationHours = from.durationHours;
    to.keyName = from.keyName;
    to.keyCreated = from.keyCreated;
    if (!to.privateKeyDelivered) {
      to.privateKeySealed = from.privateKeySealed;
    }
    to.networkName = from.networkName;
    to.networkId = from.networkId;
    to.leaseName = from.leaseName;
    to.leaseId = from.leaseId;
    to.leaseStatus = from.leaseStatus;
    to.reservationId = from.reservationId;
    to.leaseStart = from.leaseStart;
    to.leaseEnd = from.leaseEnd;
    to.serverName = from.serverName;
    to.serverId = from.serverId;
    to.serverStatus = from.serverStatus;
    to.fixedIp = from.fixedIp;
    to.floatingIp = from.floatingIp;
    to.floatingIpId = from.floatingIpId;
    to.floatingIpAllocated = from.floatingIpAllocated;
    to.sshUser = from.sshUser;
    to.waitingSince = from.waitingSince;
  }
}
