package dev.gort.common.causality;

/** What {@link CausalClock#receive} made of an incoming event's stamp. */
public enum Admission {
  /** The event carries no stamp (a sender that does not stamp yet); nothing was recorded. */
  UNSTAMPED,
  /** Already seen, or happened before something already seen: apply nothing; nothing changed. */
  STALE,
  /** Not yet seen: its stamp is now part of the subject's, apply the event. */
  NEW
}
