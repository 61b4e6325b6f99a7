package dev.gort.provisioner.environment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Environments by owner and state, and by operation. */
@ApplicationScoped
public class EnvironmentQueries {

  @Inject EntityManager em;

  /** {@code limit} environments after {@code offset}, newest first; null owner: everyone's. */
  public List<Environment> list(
      String owner, List<EnvironmentState> states, int offset, int limit) {
    List<String> where = new ArrayList<>();
    if (owner != null) {
      where.add("e.owner = :owner");
    }
    if (!states.isEmpty()) {
      where.add("e.state IN :states");
    }
    String jpql =
        "FROM Environment e"
            + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
            + " ORDER BY e.createdAt DESC, e.id ASC";
    TypedQuery<Environment> query = em.createQuery(jpql, Environment.class);
    if (owner != null) {
      query.setParameter("owner", owner);
    }
    if (!states.isEmpty()) {
      query.setParameter("states", states);
    }
    return query.setFirstResult(offset).setMaxResults(limit).getResultList();
  }

  public Optional<Environment> byOperation(String operationId) {
    return em.createQuery("FROM Environment e WHERE e.operationId = ?1", Environment.class)
        .setParameter(1, operationId)
        .getResultStream()
        .findFirst();
  }
}
