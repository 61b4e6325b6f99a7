package dev.gort.provisioner.environment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One environment (seed 004): the request, where provisioning is, and every resource it made (the
 * ids are recorded as soon as the cloud answers, so a restart resumes at the step and a teardown
 * finds everything).
 */
@Entity
@Table(name = "environment")
public class Environment extends PanacheEntityBase {

  @Id public String id;

  @Column(name = "operation_id", nullable = false)
  public String operationId;

  @Column(nullable = false)
  public String owner;

  @Column(name = "requested_by", nullable = false)
  public String requestedBy;

  @Column(name = "repository_url", nullable = false)
  public String repositoryUrl;

  /** {@link Overrides} as JSON. */
  @Column(nullable = false)
  public String overrides;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public EnvironmentState state;

  /** A {@link Step} code, {@link Step#TEARDOWN} or {@link Step#DONE}. */
  @Column(nullable = false)
  public String step;

  @Enumerated(EnumType.STRING)
  @Column(name = "teardown_end")
  public EnvironmentState teardownEnd;

  public String failure;

  @Column(name = "next_at", nullable = false)
  public Instant nextAt;

  @Column(name = "leased_until")
  public Instant leasedUntil;

  @Column(name = "step_tries", nullable = false)
  public int stepTries;

  @Column(name = "waiting_since")
  public Instant waitingSince;

  /** Grows with every status published, so readers can drop late ones. */
  @Column(nullable = false)
  public long sequence;

  /** The requirements as JSON, once known. */
  public String requirements;

  /** Every decision as a JSON list. */
  @Column(nullable = false)
  public String decisions = "[]";

  /** Warnings as a JSON list of strings. */
  @Column(nullable = false)
  public String warnings = "[]";

  @Column(name = "repository_commit")
  public String repositoryCommit;

  /** The environment files read from the repository, as a JSON object path → content. */
  @Column(name = "repository_files")
  public String repositoryFiles;

  @Column(name = "image_id")
  public String imageId;

  @Column(name = "image_name")
  public String imageName;

  @Column(name = "node_type")
  public String nodeType;

  @Column(name = "duration_hours")
  public Integer durationHours;

  @Column(name = "key_name")
  public String keyName;

  @Column(name = "key_created", nullable = false)
  public boolean keyCreated;

  @Column(name = "private_key_sealed")
  public String privateKeySealed;

  @Column(name = "private_key_delivered", nullable = false)
  public boolean privateKeyDelivered;

  @Column(name = "network_name")
  public String networkName;

  @Column(name = "network_id")
  public String networkId;

  @Column(name = "lease_name")
  public String leaseName;

  @Column(name = "lease_id")
  public String leaseId;

  @Column(name = "lease_status")
  public String leaseStatus;

  @Column(name = "reservation_id")
  public String reservationId;

  @Column(name = "lease_start")
  public Instant leaseStart;

  @Column(name = "lease_end")
  public Instant leaseEnd;

  @Column(name = "server_name")
  public String serverName;

  @Column(name = "server_id")
  public String serverId;

  @Column(name = "server_status")
  public String serverStatus;

  @Column(name = "fixed_ip")
  public String fixedIp;

  @Column(name = "floating_ip")
  public String floatingIp;

  @Column(name = "floating_ip_id")
  public String floatingIpId;

  @Column(name = "floating_ip_allocated", nullable = false)
  public boolean floatingIpAllocated;

  @Column(name = "ssh_user")
  public String sshUser;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  /** The name every resource of this environment carries (lease, server). */
  public static String resourceName(String environmentId) {
    return "gort-" + environmentId;
  }

  /** The SSH connection string, once the server has an address. */
  public String sshConnection() {
    String address = floatingIp != null ? floatingIp : fixedIp;
    if (address == null || sshUser == null) {
      return null;
    }
    return "ssh " + sshUser + "@" + address;
  }
}
