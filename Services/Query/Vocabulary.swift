import DalaAnalysis
import Foundation
import DalaStorage
import QueryAPI

extension Pipeline: SearchVocabulary {
    public func knowledgeRelations(of entityID: String) -> [KnowledgeRelationView] {
        guard let info = knowledgeBase.info(id: entityID) else { return [] }
        let relations = info.relations.map { r in
            KnowledgeRelationView(kind: r.kind.rawValue, target: r.target, label: knowledgeBase.entity(id: r.target)?.labels["en"])
        }
        let roles = info.roles.map { r in
            KnowledgeRelationView(kind: "role:" + r.title, target: r.entityID, label: knowledgeBase.entity(id: r.entityID)?.labels["en"],
                                  from: r.from.map(Self.isoDate), to: r.to.map(Self.isoDate))
        }
        return relations + roles
    }

    public func knowledgeEntities() -> [EntityView] {
        knowledgeBase.entities.map { e in
            EntityView(id: e.id, type: e.type.rawValue, labels: e.labels, aliases: e.aliases, fromKnowledgeBase: true)
        }
    }

    /// `yyyymmdd` as `YYYY-MM-DD`.
    static func isoDate(_ n: Int) -> String {
        let y = n / 10000, m = n / 100 % 100, d = n % 100
        return String(format: "%04d-%02d-%02d", y, max(m, 1), max(d, 1))
    }
}
