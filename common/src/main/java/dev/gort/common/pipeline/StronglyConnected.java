package dev.gort.common.pipeline;

import java.util.Arrays;

/** Tarjan's strongly connected components, iterative (a long chain of needs must not overflow). */
final class StronglyConnected {

  private final int[][] edges;
  private final int[] index;
  private final int[] low;
  private final int[] group;
  private final boolean[] onStack;
  private final int[] stack;
  private int stackSize;
  private int counter;

  StronglyConnected(int[][] edges) {
    this.edges = edges;
    int n = edges.length;
    index = new int[n];
    low = new int[n];
    group = new int[n];
    onStack = new boolean[n];
    stack = new int[n];
    Arrays.fill(index, -1);
  }

  /** For every node, the smallest node of its component (so equal values mean one component). */
  int[] groups() {
    int[] calls = new int[edges.length];
    int[] nextEdge = new int[edges.length];
    for (int start = 0; start < edges.length; start++) {
      if (index[start] != -1) {
        continue;
      }
      int depth = 0;
      calls[depth++] = visit(start, nextEdge);
      while (depth > 0) {
        int v = calls[depth - 1];
        if (nextEdge[v] < edges[v].length) {
          int w = edges[v][nextEdge[v]++];
          if (index[w] == -1) {
            calls[depth++] = visit(w, nextEdge);
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
          continue;
        }
        depth--;
        if (depth > 0) {
          int caller = calls[depth - 1];
          low[caller] = Math.min(low[caller], low[v]);
        }
        if (low[v] == index[v]) {
          popComponent(v);
        }
      }
    }
    return group;
  }

  private int visit(int v, int[] nextEdge) {
    index[v] = counter;
    low[v] = counter;
    counter++;
    nextEdge[v] = 0;
    stack[stackSize++] = v;
    onStack[v] = true;
    return v;
  }

  private void popComponent(int root) {
    int smallest = Integer.MAX_VALUE;
    int from = stackSize;
    do {
      from--;
      smallest = Math.min(smallest, stack[from]);
    } while (stack[from] != root);
    for (int i = from; i < stackSize; i++) {
      group[stack[i]] = smallest;
      onStack[stack[i]] = false;
    }
    stackSize = from;
  }
}
