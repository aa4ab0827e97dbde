//! Graph algorithms the checks of recursive definitions share (the checker's type
//! definitions and a parsed stable signature's), with stacks of their own instead of
//! recursion, so that a long chain of definitions costs no stack. Nothing here knows about
//! types.

/// Tarjan's strongly connected components of a graph of `count` vertices, with a stack of
/// its own instead of recursion. Components are numbered in the order they are completed,
/// so a component's number is higher than that of every component it reaches.
pub(crate) fn strongly_connected(count: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); count];
    for &(from, to) in edges {
        if from < count && to < count {
            successors[from].push(to);
        }
    }
    const UNSEEN: usize = usize::MAX;
    let mut number = vec![UNSEEN; count];
    let mut low = vec![0usize; count];
    let mut on_stack = vec![false; count];
    let mut component = vec![UNSEEN; count];
    let mut stack = Vec::new();
    let mut next_number = 0;
    let mut next_component = 0;
    for root in 0..count {
        if number[root] != UNSEEN {
            continue;
        }
        // Each frame: a vertex and how many of its successors have been looked at.
        let mut frames = vec![(root, 0usize)];
        number[root] = next_number;
        low[root] = next_number;
        next_number += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut seen)) = frames.last_mut() {
            if let Some(&w) = successors[v].get(*seen) {
                *seen += 1;
                if number[w] == UNSEEN {
                    number[w] = next_number;
                    low[w] = next_number;
                    next_number += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    frames.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(number[w]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == number[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// The strongly connected components of a graph as groups of vertices, in an order where
/// every group comes after each group it reaches (sinks first), and which groups are
/// recursive (an edge inside the group, a self-loop included).
pub(crate) struct Groups {
    /// The group of each vertex.
    pub(crate) of: Vec<usize>,
    /// The vertices of each group, sinks first.
    pub(crate) members: Vec<Vec<usize>>,
    /// Whether each group has an edge inside it.
    pub(crate) recursive: Vec<bool>,
}

/// [`strongly_connected`], grouped: what the checks of a group of definitions walk, each
/// group after those it depends on.
pub(crate) fn groups(count: usize, edges: &[(usize, usize)]) -> Groups {
    let of = strongly_connected(count, edges);
    let total = of.iter().copied().max().map_or(0, |m| m + 1);
    let mut members = vec![Vec::new(); total];
    for (vertex, group) in of.iter().enumerate() {
        members[*group].push(vertex);
    }
    let mut recursive = vec![false; total];
    for &(from, to) in edges {
        if from < count && to < count && of[from] == of[to] {
            recursive[of[from]] = true;
        }
    }
    Groups {
        of,
        members,
        recursive,
    }
}
