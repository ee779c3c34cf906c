// The table with its totals as one bipartite graph, and the search that finds where a hidden
// count could still be recomputed and which extra counts to hide so it cannot.
//
// Rows 0..<R and columns 0..<C are the counts; row R holds the column totals, column C the row
// totals and (R, C) the grand total. Negating the row and column totals gives a table whose every
// row and column sums to zero, so the hidden entries that can change together without altering
// any published number are exactly the circulations on the graph "row node — entry — column node".
// A hidden entry can take another value iff it lies on a directed cycle of entries that can each
// move one step inside what the reader knows (primary: 1…k−1; complementary: ≥ 1, since zeros
// are never hidden; both at least the entry's floor, a lower bound the reader knows from elsewhere,
// such as the list of gatherings). Integer flows decompose into such cycles, so this test is exact.

/// What the reader of the published table knows about an entry.
enum EntryState: Equatable {
    case published
    /// Shown `<k`: the reader knows 1…k−1.
    case primary
    /// Shown `x`: the reader knows only that it is at least 1 (also used for downgraded
    /// primaries whose `<k` would give too much away).
    case complementary
}

/// The price of one way to protect an entry, compared field by field from the top: hiding or
/// downgrading totals is worst (they are often published in other tables too), then hiding
/// cells with the smallest sum.
struct SuppressionCost: Comparable {
    var totalDowngrades = 0
    var totalComplements = 0
    var cellDowngrades = 0
    var complementSum = 0
    var complementCount = 0

    static func < (a: Self, b: Self) -> Bool {
        (a.totalDowngrades, a.totalComplements, a.cellDowngrades, a.complementSum, a.complementCount)
            < (b.totalDowngrades, b.totalComplements, b.cellDowngrades, b.complementSum, b.complementCount)
    }

    static func + (a: Self, b: Self) -> Self {
        func add(_ x: Int, _ y: Int) -> Int {
            let (sum, overflow) = x.addingReportingOverflow(y)
            return overflow ? Int.max : sum
        }
        return Self(
            totalDowngrades: add(a.totalDowngrades, b.totalDowngrades),
            totalComplements: add(a.totalComplements, b.totalComplements),
            cellDowngrades: add(a.cellDowngrades, b.cellDowngrades),
            complementSum: add(a.complementSum, b.complementSum),
            complementCount: add(a.complementCount, b.complementCount))
    }
}

struct SuppressionGrid {
    struct Entry: Hashable { var row: Int; var column: Int }

    /// A step across one entry: `up` goes row node → column node and adds one to the
    /// zero-sum form of the entry; `down` goes back and subtracts one.
    struct Arc { var entry: Entry; var up: Bool }

    let rows: Int      // R + 1
    let columns: Int   // C + 1
    let minCell: Int
    let value: [[Int]]
    /// What the reader knows each entry is at least (never above its value); 0 where nothing is known.
    let floor: [[Int]]
    var state: [[EntryState]]

    /// `forced` entries are hidden from the start because another table hides the same figure.
    init(extended value: [[Int]], minCell: Int, forced: Set<Entry> = [], floor: [[Int]]? = nil) {
        self.value = value
        self.floor = floor ?? value.map { $0.map { _ in 0 } }
        self.rows = value.count
        self.columns = value.first?.count ?? 0
        self.minCell = minCell
        self.state = value.map { row in row.map { (1..<minCell).contains($0) ? .primary : .published } }
        for e in forced where e.row < rows && e.column < columns && state[e.row][e.column] == .published && value[e.row][e.column] > 0 {
            state[e.row][e.column] = .complementary
        }
    }

    var entries: [Entry] {
        (0..<rows).flatMap { r in (0..<columns).map { Entry(row: r, column: $0) } }
    }

    func isTotal(_ e: Entry) -> Bool { e.row == rows - 1 || e.column == columns - 1 }

    func isSuppressed(_ e: Entry) -> Bool { state[e.row][e.column] != .published }

    /// Whether the count itself grows when its zero-sum form grows (row/column totals are negated).
    private func sign(_ e: Entry) -> Int { (e.row == rows - 1) != (e.column == columns - 1) ? -1 : 1 }

    /// Can the entry, in state `s`, move one step in this direction and stay believable?
    private func canMove(_ e: Entry, up: Bool, as s: EntryState) -> Bool {
        let moved = value[e.row][e.column] + (up ? sign(e) : -sign(e))
        let low = max(1, floor[e.row][e.column])
        switch s {
        case .published: return false
        case .primary: return moved >= low && moved <= minCell - 1
        case .complementary: return moved >= low
        }
    }

    /// The cheapest change of state that lets `arc` be used, or `nil` if nothing can.
    func cost(of arc: Arc) -> SuppressionCost? {
        let e = arc.entry
        let total = isTotal(e)
        switch state[e.row][e.column] {
        case .complementary:
            return canMove(e, up: arc.up, as: .complementary) ? SuppressionCost() : nil
        case .primary:
            if canMove(e, up: arc.up, as: .primary) { return SuppressionCost() }
            guard canMove(e, up: arc.up, as: .complementary) else { return nil }
            return total ? SuppressionCost(totalDowngrades: 1) : SuppressionCost(cellDowngrades: 1)
        case .published:
            let x = value[e.row][e.column]
            guard x > 0, canMove(e, up: arc.up, as: .complementary) else { return nil }
            return SuppressionCost(totalComplements: total ? 1 : 0, complementSum: x, complementCount: 1)
        }
    }

    /// Applies the state change that `cost(of:)` priced.
    mutating func open(_ arc: Arc) {
        let e = arc.entry
        switch state[e.row][e.column] {
        case .complementary: break
        case .primary:
            if !canMove(e, up: arc.up, as: .primary) { state[e.row][e.column] = .complementary }
        case .published: state[e.row][e.column] = .complementary
        }
    }

    private func rowNode(_ r: Int) -> Int { r }
    private func columnNode(_ c: Int) -> Int { rows + c }
    private func tail(_ arc: Arc) -> Int { arc.up ? rowNode(arc.entry.row) : columnNode(arc.entry.column) }
    private func head(_ arc: Arc) -> Int { arc.up ? columnNode(arc.entry.column) : rowNode(arc.entry.row) }

    private func arcs(leaving node: Int) -> [Arc] {
        if node < rows { return (0..<columns).map { Arc(entry: Entry(row: node, column: $0), up: true) } }
        let c = node - rows
        return (0..<rows).map { Arc(entry: Entry(row: $0, column: c), up: false) }
    }

    /// True when a suppressed entry could be recomputed: no other value fits what is published.
    func isExposed(_ e: Entry) -> Bool {
        guard isSuppressed(e) else { return false }
        for up in [true, false] {
            let arc = Arc(entry: e, up: up)
            if cost(of: arc) == SuppressionCost(), cheapestPath(closing: arc, freeOnly: true) != nil {
                return false
            }
        }
        return true
    }

    /// Hides or downgrades the cheapest set of entries that puts `e` on a cycle. Returns false
    /// only if no cycle exists even with everything hidden (cannot happen for consistent sums).
    mutating func protect(_ e: Entry) -> Bool {
        var best: (cost: SuppressionCost, arcs: [Arc])?
        for up in [true, false] {
            let arc = Arc(entry: e, up: up)
            guard let own = cost(of: arc), let path = cheapestPath(closing: arc, freeOnly: false) else { continue }
            let total = own + path.cost
            if let sofar = best, !(total < sofar.cost) { continue }
            best = (total, [arc] + path.arcs)
        }
        guard let chosen = best else { return false }
        for arc in chosen.arcs { open(arc) }
        return true
    }

    /// Dijkstra from the head of `closing` back to its tail, never crossing its own entry.
    /// With `freeOnly`, only arcs usable as things stand are allowed.
    private func cheapestPath(closing: Arc, freeOnly: Bool) -> (cost: SuppressionCost, arcs: [Arc])? {
        let nodeCount = rows + columns
        let start = head(closing), goal = tail(closing)
        var dist = [SuppressionCost?](repeating: nil, count: nodeCount)
        var via = [Arc?](repeating: nil, count: nodeCount)
        var done = [Bool](repeating: false, count: nodeCount)
        dist[start] = SuppressionCost()
        while true {
            var current: (node: Int, cost: SuppressionCost)?
            for n in 0..<nodeCount where !done[n] {
                if let d = dist[n], current.map({ d < $0.cost }) ?? true { current = (n, d) }
            }
            guard let (node, here) = current else { return nil }
            if node == goal { break }
            done[node] = true
            for arc in arcs(leaving: node) where arc.entry != closing.entry {
                guard let step = cost(of: arc), !freeOnly || step == SuppressionCost() else { continue }
                let next = head(arc), candidate = here + step
                if !done[next], dist[next].map({ candidate < $0 }) ?? true {
                    dist[next] = candidate
                    via[next] = arc
                }
            }
        }
        var path: [Arc] = []
        var node = goal
        while node != start, let arc = via[node] {
            path.append(arc)
            node = tail(arc)
        }
        return (dist[goal] ?? SuppressionCost(), path.reversed())
    }
}
